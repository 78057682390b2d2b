using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TypedProducer.Analyzers.SchemaEvolution;

namespace TypedProducer.Build;

/// <summary>
/// Files generated schemas as kept versions: <c>{folder}/{subject}/v{n}.ext</c>, the next number after the
/// highest <c>v{n}</c> there, only when the text differs from the latest version (natural file-name order, as
/// the TPK3xxx analyzers read them); a subject kept as a single <c>{folder}/{subject}.ext</c> (and no folder) is
/// updated in place.
/// </summary>
internal static class SchemaVersionWriter
{
    /// <summary>
    /// The schema constants of the generated contract classes: the extension of their kept files, where the full
    /// name (RecordName subject) comes from, and whether the text is JSON (indented, compared without layout).
    /// A JSON Schema entry (<c>JsonSchema</c>, <c>.json</c>) belongs here once its subject name is settled.
    /// </summary>
    private static readonly SchemaKind[] s_kinds =
    {
        new("AvroSchema", ".avsc", static c => JsonText.AvroFullName(c.Constants["AvroSchema"]), isJson: true),
        new("ProtobufSchema", ".proto", static c => c.Constants.TryGetValue("ProtobufMessageName", out string? name) ? name : null, isJson: false),
    };

    /// <summary>Whether <paramref name="strategy"/> names a subject name strategy (RecordName, TopicName, TopicRecordName; case-insensitive).</summary>
    public static bool IsStrategy(string strategy) =>
        strategy.Trim().ToUpperInvariant() is "RECORDNAME" or "TOPICNAME" or "TOPICRECORDNAME";

    /// <summary>Writes every contract's schemas that changed.</summary>
    /// <param name="outputDirectory">The schema folder.</param>
    /// <param name="contracts">The contract classes' constants.</param>
    /// <param name="strategy">RecordName, TopicName or TopicRecordName.</param>
    /// <param name="warn">Receives why a schema was not written.</param>
    /// <returns>The files written, with the contract class of each.</returns>
    /// <exception cref="IOException">A file or folder cannot be written.</exception>
    public static List<(string Path, string Contract)> WriteAll(string outputDirectory, IEnumerable<ContractConstants> contracts, string strategy, Action<string> warn)
    {
        string upper = strategy.Trim().ToUpperInvariant();
        var written = new List<(string, string)>();
        foreach (var contract in contracts)
        {
            foreach (var kind in s_kinds)
            {
                if (!contract.Constants.TryGetValue(kind.Constant, out string? schema))
                {
                    continue;
                }

                string? fullName = kind.FullName(contract);
                if (string.IsNullOrEmpty(fullName))
                {
                    warn("the " + kind.Constant + " of " + contract.ContractType + " has no full name; not written.");
                    continue;
                }

                if (contract.Topic is null && upper != "RECORDNAME")
                {
                    warn(contract.ContractType + " has no TopicName constant; not written.");
                    continue;
                }

                string subject = upper switch
                {
                    "TOPICNAME" => contract.Topic + "-value",
                    "TOPICRECORDNAME" => contract.Topic + "-" + fullName,
                    _ => fullName!,
                };
                if (WriteVersion(outputDirectory, subject, kind, schema) is { } path)
                {
                    written.Add((path, contract.ContractType));
                }
            }
        }

        return written;
    }

    /// <summary>Writes the schema as the subject's next version; null when the latest kept version already has this schema.</summary>
    private static string? WriteVersion(string outputDirectory, string subject, SchemaKind kind, string schema)
    {
        string extension = kind.Extension;
        string folder = Path.Combine(outputDirectory, subject);
        string single = Path.Combine(outputDirectory, subject + extension);
        string comparable = kind.Comparable(schema);
        string text = kind.IsJson ? JsonText.Indent(schema) : schema;
        if (!Directory.Exists(folder) && File.Exists(single))
        {
            if (kind.Comparable(File.ReadAllText(single)) == comparable)
            {
                return null;
            }

            File.WriteAllText(single, text, new UTF8Encoding(false));
            return single;
        }

        var existing = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*" + extension).OrderBy(static f => Path.GetFileName(f), NaturalFileNameComparer.Instance).ToList()
            : new List<string>();
        if (existing.Count > 0 && kind.Comparable(File.ReadAllText(existing[existing.Count - 1])) == comparable)
        {
            return null;
        }

        int next = 1;
        foreach (string file in existing)
        {
            string stem = Path.GetFileNameWithoutExtension(file);
            if (stem.Length > 1 && (stem[0] == 'v' || stem[0] == 'V') && int.TryParse(stem.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                next = Math.Max(next, number + 1);
            }
        }

        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "v" + next.ToString(CultureInfo.InvariantCulture) + extension);

        // Written beside, then moved: inner builds of a multi-targeted project may write the same version at once.
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        try
        {
            File.Move(temporary, path);
            return path;
        }
        catch (IOException) when (File.Exists(path) && kind.Comparable(File.ReadAllText(path)) == comparable)
        {
            return null; // another inner build wrote this version first
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>One schema constant and how its kept files are named and compared.</summary>
    private sealed class SchemaKind
    {
        public SchemaKind(string constant, string extension, Func<ContractConstants, string?> fullName, bool isJson)
        {
            Constant = constant;
            Extension = extension;
            FullName = fullName;
            IsJson = isJson;
        }

        public string Constant { get; }

        public string Extension { get; }

        public Func<ContractConstants, string?> FullName { get; }

        public bool IsJson { get; }

        /// <summary>The text as compared with a kept file: JSON without layout, other text with normalised line ends and trailing blanks.</summary>
        public string Comparable(string text)
        {
            if (IsJson)
            {
                return JsonText.Minify(text);
            }

            var lines = text.Replace("\r\n", "\n").Split('\n').Select(static l => l.TrimEnd());
            return string.Join("\n", lines).TrimEnd();
        }
    }
}
