using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.CodeFixes;

/// <summary>The syntactic forms a configuration entry is written in.</summary>
internal enum EntryForm
{
    /// <summary><c>new ProducerConfig { Acks = Acks.Leader }</c>.</summary>
    TypedInitializer,

    /// <summary><c>config.Acks = Acks.Leader;</c>.</summary>
    TypedStatement,

    /// <summary><c>config.Set("acks", "1");</c>.</summary>
    SetCall,

    /// <summary><c>dictionary["acks"] = "1";</c>.</summary>
    IndexerStatement,

    /// <summary><c>new Dictionary&lt;string, string&gt; { ["acks"] = "1" }</c>.</summary>
    IndexInitializer,

    /// <summary><c>new Dictionary&lt;string, string&gt; { { "acks", "1" } }</c>.</summary>
    ComplexInitializer,

    /// <summary><c>dictionary.Add("acks", "1");</c>.</summary>
    AddCall,

    /// <summary><c>new KeyValuePair&lt;string, string&gt;("acks", "1")</c> or <c>KeyValuePair.Create("acks", "1")</c>.</summary>
    PairCreation,
}

/// <summary>One configuration entry found around a diagnostic's span.</summary>
internal sealed class EntrySyntax
{
    private EntrySyntax(EntryForm form, SyntaxNode node, ExpressionSyntax? keyExpression, ExpressionSyntax valueExpression, ExpressionSyntax? receiver)
    {
        Form = form;
        Node = node;
        KeyExpression = keyExpression;
        ValueExpression = valueExpression;
        Receiver = receiver;
    }

    public EntryForm Form { get; }

    /// <summary>The whole entry: an assignment, an invocation, a complex element initializer or a pair creation.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The key string expression; null for typed properties.</summary>
    public ExpressionSyntax? KeyExpression { get; }

    public ExpressionSyntax ValueExpression { get; }

    /// <summary>The configuration expression of statement forms (<c>config</c> in <c>config.Set(...)</c>).</summary>
    public ExpressionSyntax? Receiver { get; }

    /// <summary>The node to delete to remove the entry: its statement, or the element of its initializer.</summary>
    public SyntaxNode? RemovableNode => Form switch
    {
        EntryForm.TypedStatement or EntryForm.SetCall or EntryForm.IndexerStatement or EntryForm.AddCall => Node.Parent as ExpressionStatementSyntax,
        _ => Node.Parent is InitializerExpressionSyntax ? Node : null,
    };

    /// <summary>The librdkafka key the entry writes.</summary>
    public string? Key(SemanticModel model, CancellationToken cancellationToken)
    {
        if (KeyExpression is not null)
        {
            return model.GetConstantValue(KeyExpression, cancellationToken).Value as string;
        }

        return model.GetSymbolInfo(((AssignmentExpressionSyntax)Node).Left, cancellationToken).Symbol is IPropertySymbol property
            ? PropertyCatalog.KeyForCSharpProperty(property.Name)
            : null;
    }

    /// <summary>Finds the entry containing <paramref name="node"/>, or null.</summary>
    public static EntrySyntax? Find(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 2 } list } when list.Parent is InvocationExpressionSyntax invocation:
                {
                    var access = invocation.Expression as MemberAccessExpressionSyntax;
                    string? name = access?.Name.Identifier.Text;
                    var key = list.Arguments[0].Expression;
                    var value = list.Arguments[1].Expression;
                    return name switch
                    {
                        "Set" => new EntrySyntax(EntryForm.SetCall, invocation, key, value, access!.Expression),
                        "Add" or "TryAdd" => new EntrySyntax(EntryForm.AddCall, invocation, key, value, access!.Expression),
                        "Create" => new EntrySyntax(EntryForm.PairCreation, invocation, key, value, null),
                        _ => null,
                    };
                }

                case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 2 } list } when list.Parent is BaseObjectCreationExpressionSyntax creation:
                    return new EntrySyntax(EntryForm.PairCreation, creation, list.Arguments[0].Expression, list.Arguments[1].Expression, null);

                case InitializerExpressionSyntax { Expressions.Count: 2 } complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                    return new EntrySyntax(EntryForm.ComplexInitializer, complex, complex.Expressions[0], complex.Expressions[1], null);

                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    switch (assignment.Left)
                    {
                        case ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } implicitAccess:
                            return new EntrySyntax(EntryForm.IndexInitializer, assignment, implicitAccess.ArgumentList.Arguments[0].Expression, assignment.Right, null);
                        case ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access:
                            return new EntrySyntax(EntryForm.IndexerStatement, assignment, access.ArgumentList.Arguments[0].Expression, assignment.Right, access.Expression);
                        case IdentifierNameSyntax when assignment.Parent is InitializerExpressionSyntax:
                            return new EntrySyntax(EntryForm.TypedInitializer, assignment, null, assignment.Right, null);
                        case MemberAccessExpressionSyntax member:
                            return new EntrySyntax(EntryForm.TypedStatement, assignment, null, assignment.Right, member.Expression);
                    }

                    return null;

                case StatementSyntax:
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }
}
