using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace TypedProducer.Build;

/// <summary>
/// Writes the schema generated for every contract of a compiled assembly into the project's schema folder, as
/// a new kept version when it differs from the latest one: <c>{OutputDirectory}/{subject}/v{n}.avsc</c> (indented
/// JSON) or <c>.proto</c>. When the project keeps a subject as a single <c>{subject}.avsc</c> file (and no folder),
/// that file is updated in place instead. Run by <c>build/TypedProducer.targets</c> when
/// <c>TypedProducerWriteSchemas=true</c>; the TPK3xxx analyzers read the files back as AdditionalFiles.
/// </summary>
public sealed class WriteContractSchemas : Task
{
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
        if (!SchemaVersionWriter.IsStrategy(SubjectNameStrategy))
        {
            Log.LogError("TypedProducerSchemaSubjectNameStrategy is '{0}'; use RecordName, TopicName or TopicRecordName.", SubjectNameStrategy);
            return false;
        }

        List<ContractConstants> contracts;
        try
        {
            contracts = ContractSchemaReader.Read(AssemblyPath);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            Log.LogError("TypedProducer cannot read the contract schemas of '{0}': {1}", AssemblyPath, ex.Message);
            return false;
        }

        var written = new List<ITaskItem>();
        try
        {
            foreach (var (path, contract) in SchemaVersionWriter.WriteAll(OutputDirectory, contracts, SubjectNameStrategy, warning => Log.LogWarning("TypedProducer: " + warning)))
            {
                Log.LogMessage(MessageImportance.High, "TypedProducer: wrote {0} ({1})", path, contract);
                written.Add(new TaskItem(path));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError("TypedProducer cannot write the schemas under '{0}': {1}", OutputDirectory, ex.Message);
        }

        WrittenFiles = written.ToArray();
        return !Log.HasLoggedErrors;
    }
}
