using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace TypedProducer.Analyzers.SchemaEvolution.Protobuf;

/// <summary>A field's label: none (proto3 singular, map and oneof fields), <c>optional</c>, <c>repeated</c> or <c>required</c> (proto2).</summary>
internal enum ProtoLabel
{
    None,
    Optional,
    Repeated,
    Required,
}

/// <summary>A parsed <c>.proto</c> file: package and top-level messages and enums, in declaration order.</summary>
internal sealed class ProtoFile
{
    public string Package { get; set; } = string.Empty;

    public List<ProtoDeclaration> Types { get; } = new();
}

/// <summary>A message or an enum.</summary>
internal abstract class ProtoDeclaration
{
    protected ProtoDeclaration(string name, string fullName, TextSpan nameSpan)
    {
        Name = name;
        FullName = fullName;
        NameSpan = nameSpan;
    }

    /// <summary>The simple name.</summary>
    public string Name { get; }

    /// <summary><c>package.Outer.Name</c>.</summary>
    public string FullName { get; }

    /// <summary>The local name without the package: <c>Outer.Name</c>.</summary>
    public string LocalName { get; set; } = string.Empty;

    public TextSpan NameSpan { get; }
}

/// <summary>A message: its fields outside oneofs, its oneofs and its nested types.</summary>
internal sealed class ProtoMessage : ProtoDeclaration
{
    public ProtoMessage(string name, string fullName, TextSpan nameSpan)
        : base(name, fullName, nameSpan)
    {
    }

    public List<ProtoField> Fields { get; } = new();

    public List<ProtoOneOf> OneOfs { get; } = new();

    public List<ProtoDeclaration> NestedTypes { get; } = new();
}

/// <summary>An enum and its constants.</summary>
internal sealed class ProtoEnum : ProtoDeclaration
{
    public ProtoEnum(string name, string fullName, TextSpan nameSpan)
        : base(name, fullName, nameSpan)
    {
    }

    public List<(string Name, long Number)> Constants { get; } = new();
}

/// <summary>A oneof and its fields.</summary>
internal sealed class ProtoOneOf
{
    public ProtoOneOf(string name) => Name = name;

    public string Name { get; }

    public List<ProtoField> Fields { get; } = new();
}

/// <summary>A field: name, number, label and type (a scalar name, a type reference as written, or a map).</summary>
internal sealed class ProtoField
{
    public ProtoField(string name, TextSpan nameSpan, int tag, ProtoLabel label, string type, string? mapKey)
    {
        Name = name;
        NameSpan = nameSpan;
        Tag = tag;
        Label = label;
        Type = type;
        MapKey = mapKey;
    }

    public string Name { get; }

    public TextSpan NameSpan { get; }

    public int Tag { get; }

    public ProtoLabel Label { get; }

    /// <summary>The type as written (for a map, the value type).</summary>
    public string Type { get; }

    /// <summary>A map field's key type; null otherwise.</summary>
    public string? MapKey { get; }

    public bool IsMap => MapKey is not null;

    /// <summary>The type as the .proto text writes it: <c>int32</c>, <c>map&lt;string, Line&gt;</c>.</summary>
    public string DisplayType => MapKey is null ? Type : "map<" + MapKey + ", " + Type + ">";
}
