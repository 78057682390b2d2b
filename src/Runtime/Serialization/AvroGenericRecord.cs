using System;
using System.Collections.Generic;

namespace TypedProducer.Serialization;

/// <summary>
/// A record decoded by <see cref="AvroGenericReader"/>: its field values by field name, in schema order, plus the
/// record's full name, which tells the branches of a union of several records apart.
/// </summary>
public sealed class AvroGenericRecord : Dictionary<string, object?>
{
    /// <summary>Creates an empty record.</summary>
    /// <param name="fullName">The record schema's full name.</param>
    /// <param name="capacity">The number of fields.</param>
    public AvroGenericRecord(string fullName, int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
        FullName = fullName;
    }

    /// <summary>The record schema's full name (namespace and name), for example <c>shop.events.CardPayment</c>.</summary>
    public string FullName { get; }
}
