using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace TypedProducer.Generator.Tests.Infrastructure;

/// <summary>
/// A small stand-in for Verify.SourceGenerators (not available from this project's package source), with the
/// same file convention so that switching is a matter of replacing <c>Snapshot.Verify(run)</c> with
/// <c>Verifier.Verify(driver).UseDirectory("Snapshots")</c> and keeping the files:
/// <list type="bullet">
/// <item>each generated source goes to <c>Snapshots/{Class}.{Method}#{HintName without .cs}.verified.cs</c>, starting
/// with a <c>//HintName: {hint name}</c> line;</item>
/// <item>the generator's diagnostics, when there are any, go to <c>Snapshots/{Class}.{Method}.verified.txt</c> with
/// Verify's property names (Id, Title, Severity, WarningLevel, Location, Description, HelpLink, MessageFormat,
/// Message, Category);</item>
/// <item>on a mismatch, or when no verified file exists, the actual text is written to the same name with
/// <c>.received.</c> instead of <c>.verified.</c> (git-ignored) and the test fails; a human accepts it by renaming
/// the received file over the verified one. A verified file that no longer has a counterpart fails too.</item>
/// </list>
/// One snapshot set per test method: a theory would need its parameters in the name (Verify's UseParameters).
/// Line endings are normalised to LF; files are written as UTF-8 with BOM, as Verify writes them. The generator
/// version in <c>[GeneratedCode]</c> is scrubbed (a Verify scrubber would do the same) so that a version bump
/// does not touch every snapshot; <see cref="SnapshotTests"/> checks the real version once.
/// </summary>
internal static partial class Snapshot
{
    private static readonly UTF8Encoding s_utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static string Directory { get; } = Path.Combine(
        typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "Snapshots");

    /// <summary>Compares the run's generated sources and diagnostics with the committed snapshots.</summary>
    /// <param name="run">The generator run.</param>
    /// <param name="sourceFile">The test's file; its name is the test class's name (one type per file).</param>
    /// <param name="method">The test method.</param>
    public static void Verify(GeneratorRun run, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        run.AssertNoGeneratorException();
        string prefix = Path.GetFileNameWithoutExtension(sourceFile.Replace('\\', '/').Split('/').Last()) + "." + method;

        var targets = new List<(string FileStem, string Extension, string Text)>();
        GeneratorRunResult generatorResult = GeneratorHarness.Ours(run.Result);
        foreach (GeneratedSourceResult source in generatorResult.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            string text = "//HintName: " + source.HintName + "\n" + Scrub(source.SourceText.ToString());
            targets.Add((prefix + "#" + Path.GetFileNameWithoutExtension(source.HintName), "cs", text));
        }

        if (generatorResult.Diagnostics.Length > 0)
        {
            targets.Add((prefix, "txt", RenderDiagnostics(generatorResult.Diagnostics)));
        }

        var failures = new List<string>();
        foreach ((string stem, string extension, string text) in targets)
        {
            Compare(stem, extension, text, failures);
        }

        // Verified files of this test without a counterpart: a source is no longer generated or diagnostics vanished.
        var expected = new HashSet<string>(targets.Select(t => t.FileStem + ".verified." + t.Extension), StringComparer.Ordinal);
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (string path in System.IO.Directory.EnumerateFiles(Directory, prefix + "*.verified.*"))
            {
                string name = Path.GetFileName(path);
                bool ours = name.StartsWith(prefix + ".verified.", StringComparison.Ordinal) || name.StartsWith(prefix + "#", StringComparison.Ordinal);
                if (ours && !expected.Contains(name))
                {
                    failures.Add($"{name}: verified file has no received counterpart (the output no longer exists); delete it if that is intended.");
                }
            }
        }

        Assert.True(failures.Count == 0, "Snapshot mismatch (accept by renaming *.received.* to *.verified.* in " + Directory + "):" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    /// <summary>Compares one text with its snapshot (for tests whose output is not a generator run).</summary>
    public static void VerifyText(string text, string extension = "txt", [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        string stem = Path.GetFileNameWithoutExtension(sourceFile.Replace('\\', '/').Split('/').Last()) + "." + method;
        var failures = new List<string>();
        Compare(stem, extension, text, failures);
        Assert.True(failures.Count == 0, "Snapshot mismatch:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    /// <summary>Replaces the generator version in <c>[GeneratedCode]</c> with a stable token.</summary>
    public static string Scrub(string source) =>
        GeneratedCodeVersion().Replace(source, "$1{scrubbed:GeneratorVersion}$2");

    /// <summary>Diagnostics in Verify.SourceGenerators' shape (its DiagnosticConverter property names and order).</summary>
    public static string RenderDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var b = new StringBuilder();
        b.Append("{\n  Diagnostics: [\n");
        bool first = true;
        foreach (Diagnostic d in diagnostics)
        {
            if (!first)
            {
                b.Append(",\n");
            }

            first = false;
            b.Append("    {\n");
            b.Append("      Id: ").Append(d.Id).Append(",\n");
            b.Append("      Title: ").Append(d.Descriptor.Title).Append(",\n");
            b.Append("      Severity: ").Append(d.Severity).Append(",\n");
            b.Append("      WarningLevel: ").Append(d.WarningLevel).Append(",\n");
            b.Append("      Location: ").Append(d.Location.GetMappedLineSpan().ToString()).Append(",\n");
            b.Append("      Description: ").Append(d.Descriptor.Description).Append(",\n");
            b.Append("      HelpLink: ").Append(d.Descriptor.HelpLinkUri).Append(",\n");
            b.Append("      MessageFormat: ").Append(d.Descriptor.MessageFormat).Append(",\n");
            b.Append("      Message: ").Append(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Append(",\n");
            b.Append("      Category: ").Append(d.Descriptor.Category).Append('\n');
            b.Append("    }");
        }

        b.Append("\n  ]\n}");
        return b.ToString();
    }

    private static void Compare(string stem, string extension, string actual, List<string> failures)
    {
        actual = Normalize(actual);
        string verifiedPath = Path.Combine(Directory, stem + ".verified." + extension);
        string receivedPath = Path.Combine(Directory, stem + ".received." + extension);
        if (!File.Exists(verifiedPath))
        {
            Write(receivedPath, actual);
            failures.Add($"{Path.GetFileName(verifiedPath)}: no verified file; wrote {Path.GetFileName(receivedPath)} for review.");
            return;
        }

        string verified = Normalize(File.ReadAllText(verifiedPath));
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Write(receivedPath, actual);
        failures.Add($"{Path.GetFileName(verifiedPath)} differs from {Path.GetFileName(receivedPath)}:" + Environment.NewLine + Diff(verified, actual));
    }

    private static void Write(string path, string text)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, s_utf8WithBom);
    }

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n").Replace('\r', '\n').TrimStart('\uFEFF');

    /// <summary>A short summary: line counts and the first differing lines with a little context.</summary>
    private static string Diff(string verified, string received)
    {
        string[] a = verified.Split('\n'), b = received.Split('\n');
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        const int MaxLines = 12;
        var s = new StringBuilder();
        s.Append($"  verified: {a.Length} lines, received: {b.Length} lines; first difference at line {prefix + 1}").Append(Environment.NewLine);
        foreach (string line in a.Skip(prefix).Take(Math.Min(MaxLines, a.Length - prefix - suffix)))
        {
            s.Append("  - ").Append(line).Append(Environment.NewLine);
        }

        foreach (string line in b.Skip(prefix).Take(Math.Min(MaxLines, b.Length - prefix - suffix)))
        {
            s.Append("  + ").Append(line).Append(Environment.NewLine);
        }

        return s.ToString();
    }

    [GeneratedRegex("""(\[global::System\.CodeDom\.Compiler\.GeneratedCode\("TypedProducer\.Generator", ")[^"]*("\)\])""")]
    private static partial Regex GeneratedCodeVersion();
}
