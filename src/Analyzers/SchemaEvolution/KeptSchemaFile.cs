using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedProducer.Analyzers.SchemaEvolution;

/// <summary>
/// A schema version kept in the project (an AdditionalFile such as <c>schemas/shop.OrderPlaced/v2.avsc</c>),
/// parsed once per compilation on first use.
/// </summary>
internal sealed class KeptSchemaFile
{
    private readonly AdditionalText _file;
    private readonly object _gate = new();
    private bool _parsed;
    private SourceText? _text;
    private SchemaDocument? _document;
    private SchemaProblem? _problem;

    public KeptSchemaFile(AdditionalText file, SchemaFormat format)
    {
        _file = file;
        Format = format;
        Path = file.Path;
        FileName = System.IO.Path.GetFileName(file.Path);
        Stem = System.IO.Path.GetFileNameWithoutExtension(file.Path);
        string? directory = System.IO.Path.GetDirectoryName(file.Path);
        DirectoryName = string.IsNullOrEmpty(directory) ? string.Empty : System.IO.Path.GetFileName(directory);
    }

    public string Path { get; }

    public SchemaFormat Format { get; }

    /// <summary>The file name with extension: <c>v2.avsc</c>.</summary>
    public string FileName { get; }

    /// <summary>The file name without extension: a subject when the file is a subject's only version.</summary>
    public string Stem { get; }

    /// <summary>The name of the folder that holds the file: a subject when the file is one of its versions.</summary>
    public string DirectoryName { get; }

    /// <summary>How messages name this version: <c>'shop.OrderPlaced/v2.avsc'</c>.</summary>
    public string Label => "'" + (DirectoryName.Length > 0 ? DirectoryName + "/" : string.Empty) + FileName + "'";

    /// <summary>The parsed schema; null when the file cannot be read or parsed (see <see cref="Problem"/>).</summary>
    public SchemaDocument? Document(CancellationToken cancellationToken)
    {
        EnsureParsed(cancellationToken);
        return _document;
    }

    /// <summary>Why the file is not a schema; null when it parsed.</summary>
    public SchemaProblem? Problem(CancellationToken cancellationToken)
    {
        EnsureParsed(cancellationToken);
        return _problem;
    }

    /// <summary>A location in the file, for diagnostics about a field that only the kept version has.</summary>
    public Location LocationOf(TextSpan span, CancellationToken cancellationToken)
    {
        EnsureParsed(cancellationToken);
        if (_text is null)
        {
            return Location.Create(Path, default, default);
        }

        var bounded = TextSpan.FromBounds(Math.Min(span.Start, _text.Length), Math.Min(span.End, _text.Length));
        return Location.Create(Path, bounded, _text.Lines.GetLinePositionSpan(bounded));
    }

    private void EnsureParsed(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_parsed)
            {
                return;
            }

            _text = _file.GetText(cancellationToken);
            if (_text is null)
            {
                _problem = new SchemaProblem("the file cannot be read", default);
            }
            else
            {
                _document = Format.Parse(_text.ToString(), out _problem);
            }

            _parsed = true;
        }
    }
}
