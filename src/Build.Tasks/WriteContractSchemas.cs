using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TypedProducer.Analyzers.SchemaEvolution;

namespace TypedProducer.Build;

/// <summary>
/// Writes the schema generated for every contract of a compiled assembly into the project's schema folder, as
/// a new kept version when it differs from the latest one: <c>{OutputDirectory}/{subject}/v{n}.avsc</c>,
/// indented JSON. When the project keeps a subject as a single <c>{subject}.avsc</c> file (and no folder), that
/// file is updated in place instead. Run by <c>build/TypedProducer.targets</c> when
/// <c>TypedProducerWriteSchemas=true</c>; the TPK3xxx analyzers read the files back as AdditionalFiles.
/// </summary>
public sealed class WriteContractSchemas : Task
{
    /// <summary>Schema constants of the generated contract classes and the extension of their kept files.</summary>
    private static readonly Dictionary<string, string> s_extensions = new(StringComparer.Ordinal)
    {
        ["AvroSchema"] = ".avsc",
    };

    /// <summary>The compiled assembly (the intermediate assembly under obj/).</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>The schema folder (absolute): <c>$(MSBuildProjectDirectory)/schemas</c> by default.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>
    /// How versions are filed, named after the Schema Registry subject name strategies: <c>RecordName</c> (the
    /// default: <c>{full name}/</c>), <c>TopicName</c> (<c>{topic}-value/</c>) or <c>TopicRecordName</c>
    /// (<c>{topic}-{full name}/</c>).
    /// </summary>
    public string SubjectNameStrategy { get; set; } = "RecordName";

    /// <summary>The files written (new versions and updated single files).</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc/>
    public override bool Execute()
    {
        string strategy = SubjectNameStrategy.Trim();
        if (!strategy.Equals("RecordName", StringComparison.OrdinalIgnoreCase)
            && !strategy.Equals("TopicName", StringComparison.OrdinalIgnoreCase)
            && !strategy.Equals("TopicRecordName", StringComparison.OrdinalIgnoreCase))
        {
            Log.LogError("TypedProducerSchemaSubjectNameStrategy is '{0}'; use RecordName, TopicName or TopicRecordName.", SubjectNameStrategy);
            return false;
        }

        List<ContractSchema> contracts;
        try
        {
            contracts = ContractSchemaReader.Read(AssemblyPath, s_extensions.Keys);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            Log.LogError("TypedProducer cannot read the contract schemas of '{0}': {1}", AssemblyPath, ex.Message);
            return false;
        }

        var written = new List<ITaskItem>();
        foreach (var contract in contracts)
        {
            string? fullName = JsonText.AvroFullName(contract.Schema);
            if (fullName is null)
            {
                Log.LogWarning("TypedProducer: the {0} of {1} has no top-level name; not written.", contract.Constant, contract.ContractType);
                continue;
            }

            string subject = strategy.ToUpperInvariant() switch
            {
                "TOPICNAME" => contract.Topic + "-value",
                "TOPICRECORDNAME" => contract.Topic + "-" + fullName,
                _ => fullName,
            };
            if (contract.Topic is null && !strategy.Equals("RecordName", StringComparison.OrdinalIgnoreCase))
            {
                Log.LogWarning("TypedProducer: {0} has no TopicName constant; not written.", contract.ContractType);
                continue;
            }

            try
            {
                if (WriteVersion(subject, s_extensions[contract.Constant], contract.Schema) is { } path)
                {
                    Log.LogMessage(MessageImportance.High, "TypedProducer: wrote {0} ({1})", path, contract.ContractType);
                    written.Add(new TaskItem(path));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogError("TypedProducer cannot write the schema of {0} under '{1}': {2}", contract.ContractType, OutputDirectory, ex.Message);
            }
        }

        WrittenFiles = written.ToArray();
        return !Log.HasLoggedErrors;
    }

    /// <summary>Writes the schema as the subject's next version; null when the latest kept version already has this schema.</summary>
    private string? WriteVersion(string subject, string extension, string schema)
    {
        string folder = Path.Combine(OutputDirectory, subject);
        string single = Path.Combine(OutputDirectory, subject + extension);
        string minified = JsonText.Minify(schema);
        if (!Directory.Exists(folder) && File.Exists(single))
        {
            if (JsonText.Minify(File.ReadAllText(single)) == minified)
            {
                return null;
            }

            File.WriteAllText(single, JsonText.Indent(schema), new UTF8Encoding(false));
            return single;
        }

        var existing = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*" + extension).OrderBy(static f => Path.GetFileName(f), NaturalFileNameComparer.Instance).ToList()
            : new List<string>();
        if (existing.Count > 0 && JsonText.Minify(File.ReadAllText(existing[existing.Count - 1])) == minified)
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
        File.WriteAllText(temporary, JsonText.Indent(schema), new UTF8Encoding(false));
        try
        {
            File.Move(temporary, path);
            return path;
        }
        catch (IOException) when (File.Exists(path) && JsonText.Minify(File.ReadAllText(path)) == minified)
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
}
