// Compiled by link into TypedProducer.Generator.Tests and TypedProducer.Analyzers.Tests (the robustness property tests).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TypedProducer.Tests.Shared;

/// <summary>
/// Seeded, deterministic source of random and deliberately malformed <c>[KafkaMessage]</c> contracts, one per file,
/// each in its own namespace (<c>Fuzz.N{index}</c>) so that many can share one compilation: random shapes (class,
/// record, struct, static, abstract, ref struct, file-local, interface, non-partial), member types drawn from a pool
/// that includes unsupported ones, random attribute arguments (illegal topics and Avro names, out-of-range decimals,
/// undefined enum values, non-JSON defaults), recursion (self, mutual, by-value struct cycles, deep chains), odd
/// generics, missing types and members, half-typed code (a prefix of a contract) and random character mutations.
/// </summary>
internal static class RandomContracts
{
    public const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading.Tasks;\nusing TypedProducer;\n\n";

    private static readonly string[] s_supported =
    [
        "string", "string?", "int", "int?", "long", "long?", "short", "byte", "uint", "bool", "bool?", "float", "double", "double?",
        "byte[]", "byte[]?", "Guid", "Guid?", "DateTimeOffset", "DateTimeOffset?", "DateTime", "DateOnly", "TimeOnly", "decimal", "decimal?",
    ];

    private static readonly string[] s_unsupported =
    [
        "object", "dynamic", "char", "ulong", "sbyte", "TimeSpan", "IntPtr", "nint", "(int A, string B)", "Action", "Func<int>", "Task",
        "Uri", "Dictionary<int, string>", "HashSet<int>", "IEnumerable<int>", "Span<int>", "Memory<byte>", "Lazy<int>",
        "KeyValuePair<string, int>", "System.Text.StringBuilder", "Exception", "int*", "int[,]", "List<object>", "Type", "void",
    ];

    private static readonly string[] s_topics =
    [
        "orders", "rides.started", "a_b-c.d", "t", "bad topic", "", ".", "..", "orders/eu", "é", new string('x', 250), "Orders.V2",
        "with\\\"quote", "tab\\there",
    ];

    private static readonly string[] s_names = ["Good", "_under", "1bad", "", "with space", "a.b", "Ünïcode", "int", "record", "@class", "x-y"];

    private static readonly string[] s_namespaces = ["shop.events", "a..b", "9x", "", ".lead", "trail.", "ok_ns.v1", "é.ns"];

    private static readonly string[] s_defaults = ["null", "0", "\\\"text\\\"", "1.5", "true", "[]", "{}", "not json", "{\\\"a\\\":", "9999999999999999999999", "\\\"A\\\""];

    private static readonly string[] s_junk = ["{", "}", "(", ")", ";", "<", ">", "[", "]", ",", "=", "\"", "partial", "record", "class", "?", "@", "#", "[KafkaMessage(", "public", "static", "=>", "/*", "//", "\n"];

    /// <summary>The kinds of contract, by the share of all contracts they take.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["random", "recursive", "generic", "missing", "half-typed", "mutated"];

    /// <summary><paramref name="count"/> contracts from <paramref name="seed"/>; the same seed gives the same contracts.</summary>
    public static List<RandomContract> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var contracts = new List<RandomContract>(count);
        for (int i = 0; i < count; i++)
        {
            int roll = random.Next(100);
            (string kind, string source) = roll switch
            {
                < 40 => ("random", Contract(random, i)),
                < 55 => ("recursive", Recursive(random, i)),
                < 65 => ("generic", Generic(random, i)),
                < 75 => ("missing", Missing(random, i)),
                < 88 => ("half-typed", HalfTyped(random, Contract(random, i))),
                _ => ("mutated", Mutated(random, Contract(random, i))),
            };
            contracts.Add(new RandomContract(i, kind, source));
        }

        return contracts;
    }

    private static string Contract(Random random, int index, string? forcedShape = null, IReadOnlyList<string>? extraTypes = null)
    {
        var text = new StringBuilder(Usings);
        text.Append("namespace Fuzz.N").Append(index).Append(";\n\n");
        text.Append("public enum E").Append(index).Append(" { A, B = 5, C }\n");
        text.Append("public sealed record R").Append(index).Append("(int X, string Y, R").Append(index).Append("? Next);\n\n");
        // Mostly shapes a contract can have, so that many contracts get generated code; sometimes one it cannot.
        string shape = forcedShape ?? (random.Next(4) != 0
            ? Pick(random, [
                "public partial class", "public sealed partial class", "public partial record", "public sealed partial record",
                "public partial struct", "public partial record struct", "public readonly partial record struct", "internal sealed partial class",
                "public sealed partial record class"])
            : Pick(random, [
                "public sealed class", "public static partial class", "public abstract partial class", "public ref partial struct",
                "file sealed partial class", "public partial interface"]));
        text.Append(KafkaMessage(random)).Append('\n');
        string name = "C" + index.ToString(CultureInfo.InvariantCulture);
        int memberCount = random.Next(0, 8);
        var types = new List<string>(memberCount);
        for (int m = 0; m < memberCount; m++)
        {
            types.Add(MemberType(random, index, depth: 0, extraTypes));
        }

        bool positional = shape.Contains("record", StringComparison.Ordinal) && random.Next(2) == 0;
        if (positional)
        {
            text.Append(shape).Append(' ').Append(name).Append('(');
            text.Append(string.Join(", ", types.Select((t, m) => MemberAttributes(random, t, "property: ") + t + " P" + m)));
            text.Append(");\n");
        }
        else
        {
            text.Append(shape).Append(' ').Append(name).Append("\n{\n");
            for (int m = 0; m < types.Count; m++)
            {
                text.Append("    ").Append(MemberAttributes(random, types[m], string.Empty));
                text.Append(random.Next(6) switch
                {
                    0 => $"public {types[m]} F{m};\n",
                    1 => $"public {types[m]} P{m} {{ get; }}\n",
                    2 => $"public required {types[m]} P{m} {{ get; init; }}\n",
                    3 => $"public static {types[m]} S{m} {{ get; set; }}\n",
                    _ => $"public {types[m]} P{m} {{ get; set; }}\n",
                });
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    private static string KafkaMessage(Random random)
    {
        var arguments = new List<string>();
        switch (random.Next(12))
        {
            case 0:
                break;
            case 1:
                arguments.Add("null!");
                break;
            case 2:
                arguments.Add(random.Next(100).ToString(CultureInfo.InvariantCulture));
                break;
            case 3:
            case 4:
                arguments.Add("\"" + Pick(random, s_topics) + "\"");
                break;
            default:
                arguments.Add("\"topic-" + random.Next(1000).ToString(CultureInfo.InvariantCulture) + "\"");
                break;
        }

        if (random.Next(4) == 0)
        {
            arguments.Add("Format = " + Pick(random, ["MessageFormat.Avro", "MessageFormat.Protobuf", "MessageFormat.Json", "(MessageFormat)9", "(MessageFormat)(-1)", "0"]));
        }

        if (random.Next(6) == 0)
        {
            arguments.Add("Name = \"" + Pick(random, s_names) + "\"");
        }

        if (random.Next(6) == 0)
        {
            arguments.Add("Namespace = \"" + Pick(random, s_namespaces) + "\"");
        }

        if (random.Next(5) == 0)
        {
            arguments.Add("Doc = " + Pick(random, ["\"A doc\"", "\"line\\nbreak \\\"quoted\\\" \\u0001\"", "null", "\"\""]));
        }

        return arguments.Count == 0 && random.Next(2) == 0 ? "[KafkaMessage]" : "[KafkaMessage(" + string.Join(", ", arguments) + ")]";
    }

    private static string MemberType(Random random, int index, int depth, IReadOnlyList<string>? extraTypes)
    {
        int roll = random.Next(100);
        if (extraTypes is { Count: > 0 } && roll < 20)
        {
            return Pick(random, extraTypes);
        }

        if (roll < 55 || depth >= 2)
        {
            return Pick(random, s_supported);
        }

        if (roll < 68)
        {
            return Pick(random, [$"E{index}", $"E{index}?", $"R{index}", $"R{index}?"]);
        }

        if (roll < 92)
        {
            string element = MemberType(random, index, depth + 1, extraTypes);
            return Pick(random, [
                $"List<{element}>", $"{element}[]", $"IReadOnlyList<{element}>", $"Dictionary<string, {element}>",
                $"IReadOnlyDictionary<string, {element}>", $"IList<{element}>", $"ICollection<{element}>", $"List<{element}>?"]);
        }

        return Pick(random, s_unsupported);
    }

    private static string MemberAttributes(Random random, string type, string target)
    {
        var attributes = new List<string>();
        if (random.Next(7) == 0)
        {
            attributes.Add("MessageKey");
        }

        if (random.Next(12) == 0)
        {
            attributes.Add("PartitionKey");
        }

        if (type.Contains("decimal", StringComparison.Ordinal) ? random.Next(8) != 0 : random.Next(20) == 0)
        {
            attributes.Add(random.Next(3) != 0
                ? $"AvroDecimal({random.Next(1, 39)}, {random.Next(0, 3)})"
                : $"AvroDecimal({Pick(random, ["10", "38", "0", "-1", "39", "int.MaxValue", "4"])}, {Pick(random, ["2", "0", "-3", "10", "40"])})");
        }

        if (random.Next(10) == 0)
        {
            attributes.Add("AvroTimestamp(" + Pick(random, ["AvroTimestampPrecision.Micros", "AvroTimestampPrecision.Millis", "(AvroTimestampPrecision)7", ""]) + ")");
        }

        if (random.Next(6) == 0)
        {
            var arguments = new List<string>();
            if (random.Next(2) == 0)
            {
                arguments.Add("Name = \"" + Pick(random, s_names) + "\"");
            }

            if (random.Next(2) == 0)
            {
                arguments.Add("Default = \"" + Pick(random, s_defaults) + "\"");
            }

            if (random.Next(3) == 0)
            {
                arguments.Add("Doc = \"field doc\"");
            }

            attributes.Add("AvroField(" + string.Join(", ", arguments) + ")");
        }

        if (random.Next(25) == 0)
        {
            attributes.Add("MessageIgnore");
        }

        return attributes.Count == 0 ? string.Empty : "[" + target + string.Join(", ", attributes) + "] ";
    }

    private static string Recursive(Random random, int index)
    {
        string name = "C" + index.ToString(CultureInfo.InvariantCulture);
        switch (random.Next(5))
        {
            case 0:
                return Contract(random, index, "public sealed partial class", [name, name + "?", $"List<{name}>", $"Dictionary<string, {name}>"]);
            case 1:
                // Mutual recursion through two plain records.
                return Contract(random, index, "public sealed partial record", [$"A{index}", $"List<B{index}>"])
                    + $"public sealed record A{index}(B{index}? B, string Label);\npublic sealed record B{index}(A{index}? A, List<A{index}> Many);\n";
            case 2:
                // A struct cycle by value: the user's error (CS0523), never the generator's.
                return Contract(random, index, "public partial class", [$"S{index}"]) + $"public struct S{index} {{ public T{index} Next; }}\npublic struct T{index} {{ public S{index} Back; }}\n";
            case 3:
            {
                // A chain of 40 nested records.
                var chain = new StringBuilder();
                for (int d = 0; d < 40; d++)
                {
                    chain.Append($"public sealed record D{index}_{d}({(d < 39 ? $"D{index}_{d + 1}" : "int")} Inner, string Tag);\n");
                }

                return Contract(random, index, "public sealed partial record", [$"D{index}_0", $"List<D{index}_0>"]) + chain;
            }

            default:
                return Contract(random, index, "public partial record struct", [$"R{index}", name + "?", $"List<{name}>"]);
        }
    }

    private static string Generic(Random random, int index)
    {
        string header = Usings + $"namespace Fuzz.N{index};\n\npublic enum E{index} {{ A }}\npublic sealed record R{index}(int X, string Y, R{index}? Next);\n";
        return random.Next(6) switch
        {
            0 => header + $"[KafkaMessage(\"g\")]\npublic partial class C{index}<T>\n{{\n    [MessageKey] public T Key {{ get; set; }} = default!;\n    public List<T> Items {{ get; set; }} = new();\n}}\n",
            1 => header + $"[KafkaMessage(\"g\")]\npublic partial record C{index}<T, U>(T First, Dictionary<string, U[]> Second) where T : struct where U : class;\n",
            2 => header + $"public partial class Outer{index}<T>\n{{\n    [KafkaMessage(\"g\")]\n    public partial record C{index}(T Value, List<List<Dictionary<string, T[]>>> Deep);\n}}\n",
            3 => header + $"[KafkaMessage(\"g\")]\npublic partial class C{index}\n{{\n    public List<List<List<List<Dictionary<string, int?[]>>>>> Deep {{ get; set; }} = new();\n    public T Make<T>() => default!;\n    public Box{index}<string> Box {{ get; set; }} = new();\n}}\npublic sealed class Box{index}<T> {{ public T Value {{ get; set; }} = default!; }}\n",
            4 => header + $"[KafkaMessage(\"g\")]\npublic partial class C{index} : List<int>\n{{\n    public int Count2 {{ get; set; }}\n}}\n",
            _ => header + $"[KafkaMessage(\"g\")]\npublic partial record C{index}(Nullable<Nullable<int>> Bad, List<> Open, Dictionary<string> Half);\n",
        };
    }

    private static string Missing(Random random, int index)
    {
        string header = Usings + $"namespace Fuzz.N{index};\n\n";
        return random.Next(6) switch
        {
            0 => header + $"[KafkaMessage(\"m\")]\npublic partial class C{index}\n{{\n    public Missing{index} Member {{ get; set; }}\n    [MessageKey] public Unknown Key {{ get; set; }}\n}}\n",
            1 => header + $"[KafkaMessage(\"m\")]\npublic partial class C{index}\n{{\n    public int\n    public string {{ get; set; }}\n    public = 3;\n}}\n",
            2 => header + $"[KafkaMessage(\"m\")]\npublic partial record C{index}(Missing<int> A, List<Missing> B, [property: AvroDecimal(Missing.P, 2)] decimal C);\n",
            3 => header + $"[KafkaMessage(\"m\")]\npublic partial class C{index} : MissingBase{index}, IMissing\n{{\n    public int X {{ get; set; }}\n}}\n",
            4 => header + $"[KafkaMessage(Topics{index}.Name, Name = nameof(Nothing))]\npublic partial record C{index}(int X);\n",
            _ => header + $"[KafkaMessage(\"m\")]\n[KafkaMessage(\"n\")]\npublic partial class C{index}\n{{\n    public int X {{ get; set; }}\n    public string X {{ get; set; }} = \"\";\n}}\n",
        };
    }

    private static string HalfTyped(Random random, string source)
    {
        int start = source.IndexOf("[KafkaMessage", StringComparison.Ordinal);
        start = start < 0 ? 0 : start;
        return source.Substring(0, random.Next(start, source.Length + 1));
    }

    private static string Mutated(Random random, string source)
    {
        var text = new StringBuilder(source);
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits && text.Length > 0; e++)
        {
            int at = random.Next(Usings.Length, text.Length);
            if (random.Next(2) == 0)
            {
                text.Remove(at, Math.Min(random.Next(1, 4), text.Length - at));
            }
            else
            {
                text.Insert(at, Pick(random, s_junk));
            }
        }

        return text.ToString();
    }

    private static string Pick(Random random, IReadOnlyList<string> choices) => choices[random.Next(choices.Count)];
}

/// <summary>One generated contract: its index (namespace <c>Fuzz.N{index}</c>, type <c>C{index}</c>), kind and source.</summary>
internal sealed record RandomContract(int Index, string Kind, string Source)
{
    /// <summary>The file name the contract's syntax tree gets.</summary>
    public string Path => "C" + Index.ToString(CultureInfo.InvariantCulture) + ".cs";

    /// <summary>The namespace prefix of generated files for this contract's types.</summary>
    public string Namespace => "Fuzz.N" + Index.ToString(CultureInfo.InvariantCulture);
}
