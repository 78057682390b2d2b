using System.Reflection;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Tests.Contracts;

/// <summary>
/// An <see cref="ISchemaRegistryClient"/> of the application's own whose every call fails with <see cref="Failure"/>
/// (a custom client rather than the library's HTTP one, which reports its own failures as SchemaRegistryException).
/// </summary>
public class ThrowingSchemaRegistry : DispatchProxy
{
    public Exception Failure { get; private set; } = new InvalidOperationException();

    public static ISchemaRegistryClient Create(Exception failure)
    {
        ISchemaRegistryClient client = Create<ISchemaRegistryClient, ThrowingSchemaRegistry>();
        ((ThrowingSchemaRegistry)(object)client).Failure = failure;
        return client;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        Type returnType = targetMethod!.ReturnType;
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            MethodInfo fromException = typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethod);
            return fromException.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(null, [Failure]);
        }

        return returnType == typeof(Task) ? Task.FromException(Failure) : throw Failure;
    }
}
