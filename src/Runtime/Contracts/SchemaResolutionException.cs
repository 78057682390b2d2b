using System;
using System.Collections.Generic;

namespace TypedProducer;

/// <summary>
/// Data written with a writer's schema cannot be read as the contract (Apache Avro 1.11 specification, "Schema
/// Resolution": a field of the contract that the writer lacks has no default, a type the contract cannot promote from,
/// a writer's enum symbol the contract lacks without an enum default, a union branch the contract cannot read, a
/// different record name without an alias, another format or message). Never replaced by a default value. Thrown when
/// the first value with that schema id is read, or, for parts only some values use (a writer's union branch, an enum
/// symbol), when a value uses them.
/// </summary>
public sealed class SchemaResolutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="contractName">The contract's C# type name.</param>
    /// <param name="schemaId">The writer's schema id.</param>
    /// <param name="reasons">Why, one per problem, each naming the field.</param>
    public SchemaResolutionException(string contractName, int schemaId, IReadOnlyList<string> reasons)
        : base($"Records written with schema id {schemaId} cannot be read as {contractName}: {string.Join("; ", reasons)}")
    {
        ContractName = contractName;
        SchemaId = schemaId;
        Reasons = reasons;
    }

    /// <summary>The contract's C# type name.</summary>
    public string ContractName { get; }

    /// <summary>The writer's schema id.</summary>
    public int SchemaId { get; }

    /// <summary>The problems, each naming the field at fault.</summary>
    public IReadOnlyList<string> Reasons { get; }
}
