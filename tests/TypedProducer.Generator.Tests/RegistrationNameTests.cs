using TypedProducer.Generator.Emitting;

namespace TypedProducer.Generator.Tests;

/// <summary>The public per-assembly registration method of a contracts library: its name comes from the assembly name.</summary>
public sealed class RegistrationNameTests
{
    [Theory]
    [InlineData("RideEvents.Contracts", "AddTypedProducersFromRideEventsContracts")]
    [InlineData("shop-contracts", "AddTypedProducersFromShopContracts")]
    [InlineData("Acme.Orders.V2", "AddTypedProducersFromAcmeOrdersV2")]
    [InlineData("my_lib", "AddTypedProducersFromMy_lib")]
    [InlineData("", "AddTypedProducersFrom")]
    public void AssemblyName_GivesLettersAndDigitsInPascalCase(string assemblyName, string expected) =>
        Assert.Equal(expected, RegistrationEmitter.PublicMethodName(assemblyName));
}
