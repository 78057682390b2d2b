using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using TypedProducer.Analyzers.CodeFixes;
using Xunit;

namespace TypedProducer.Analyzers.Tests.Infrastructure;

/// <summary>Applies a code fix through an AdhocWorkspace and checks the result compiles and no longer triggers the rule.</summary>
internal static class CodeFixHarness
{
    public static async Task<string> ApplyAsync(string source, string id, IReadOnlyDictionary<string, string>? options = null)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Create(), "Snippet", "Snippet", LanguageNames.CSharp,
                compilationOptions: AnalyzerHarness.CompilationOptions,
                parseOptions: AnalyzerHarness.ParseOptions,
                metadataReferences: AnalyzerHarness.References));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Snippet0.cs", source);
        var document = solution.GetDocument(documentId)!;

        var diagnostic = (await DiagnosticsAsync(document, options)).FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null, id + " was not reported before the fix.");

        var actions = new List<CodeAction>();
        var provider = new ProducerConfigurationCodeFixProvider();
        Assert.Contains(id, provider.FixableDiagnosticIds);
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic!, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.True(actions.Count > 0, "No code fix offered for " + id + ".");

        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(documentId)!;
        string fixedText = (await changed.GetTextAsync()).ToString();

        var compilation = await changed.Project.GetCompilationAsync();
        var errors = compilation!.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Fixed code does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors) + Environment.NewLine + fixedText);
        var after = await DiagnosticsAsync(changed, options);
        Assert.True(after.All(d => d.Id != id), id + " still reported after the fix:" + Environment.NewLine + fixedText);
        return fixedText;
    }

    /// <summary>Asserts that the rule is reported but no fix is offered.</summary>
    public static async Task AssertNoFixAsync(string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "Snippet", "Snippet", LanguageNames.CSharp,
            compilationOptions: AnalyzerHarness.CompilationOptions, parseOptions: AnalyzerHarness.ParseOptions, metadataReferences: AnalyzerHarness.References));
        var document = workspace.AddDocument(project.Id, "Snippet0.cs", Microsoft.CodeAnalysis.Text.SourceText.From(source));
        var diagnostic = (await DiagnosticsAsync(document)).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        await new ProducerConfigurationCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.Empty(actions);
    }

    private static async Task<IReadOnlyList<Diagnostic>> DiagnosticsAsync(Document document, IReadOnlyDictionary<string, string>? options = null)
    {
        var compilation = await document.Project.GetCompilationAsync();
        return await AnalyzerHarness.AnalyzeAsync(compilation!, options: options);
    }
}
