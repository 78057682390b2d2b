using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using TypedProducer.Analyzers.Catalog;
using TypedProducer.Analyzers.Configuration;

namespace TypedProducer.Analyzers.CodeFixes;

/// <summary>
/// Plans an edit of one configuration entry. New code is parsed from text (SyntaxFactory.ParseExpression) and
/// marked for simplification and formatting, so the result reads like hand-written code.
/// </summary>
internal static class ConfigEditor
{
    /// <summary>Returns a function producing the new root, or null when no sensible edit exists.</summary>
    public static async Task<Func<CancellationToken, SyntaxNode>?> PlanAsync(
        Document document,
        SyntaxNode root,
        SyntaxNode node,
        string kind,
        ImmutableDictionary<string, string?> properties,
        CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return null;
        }

        properties.TryGetValue(FixProperties.Key, out var key);
        properties.TryGetValue(FixProperties.Value, out var value);
        var generator = SyntaxGenerator.GetGenerator(document);

        if (kind == FixProperties.KindAddEntries)
        {
            properties.TryGetValue(FixProperties.Entries, out var entries);
            return entries is null ? null : AddEntries(root, node, entries, model, cancellationToken);
        }

        var entry = EntrySyntax.Find(node);
        if (entry is null)
        {
            return null;
        }

        switch (kind)
        {
            case FixProperties.KindRemove:
                var removable = entry.RemovableNode;
                return removable is null ? null : _ => generator.RemoveNode(root, removable)!;

            case FixProperties.KindRenameKey:
                if (key is null || entry.KeyExpression is null)
                {
                    return null;
                }

                return _ => root.ReplaceNode(entry.KeyExpression, Literal(key).WithTriviaFrom(entry.KeyExpression));

            case FixProperties.KindSetValue:
                return value is null ? null : SetValue(root, entry, key, value, model, cancellationToken);

            case FixProperties.KindReadSecret:
                return ReadSecret(root, entry, model);

            case FixProperties.KindInvariantCulture:
                return InvariantCulture(root, entry);

            default:
                return null;
        }
    }

    private static Func<CancellationToken, SyntaxNode>? SetValue(SyntaxNode root, EntrySyntax entry, string? key, string value, SemanticModel model, CancellationToken cancellationToken)
    {
        string? entryKey = entry.Key(model, cancellationToken);
        bool sameKey = key is null || (entryKey is not null && Canonical(entryKey) == Canonical(key));
        if (sameKey)
        {
            var replacement = ValueExpression(entry, value, model, cancellationToken);
            return replacement is null ? null : _ => root.ReplaceNode(entry.ValueExpression, replacement.WithTriviaFrom(entry.ValueExpression));
        }

        return AddOrSetSibling(root, entry, key!, value, model, cancellationToken);
    }

    /// <summary>Sets <paramref name="key"/> next to <paramref name="entry"/>, in the same form; an existing entry for the key in the same initializer is replaced (C# forbids initialising a member twice).</summary>
    private static Func<CancellationToken, SyntaxNode>? AddOrSetSibling(SyntaxNode root, EntrySyntax entry, string key, string value, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (entry.Form)
        {
            case EntryForm.TypedInitializer:
            {
                var initializer = (InitializerExpressionSyntax)entry.Node.Parent!;
                var creationType = model.GetTypeInfo(initializer.Parent!, cancellationToken).Type;
                var property = FindTypedProperty(creationType, key);
                if (property is null)
                {
                    return null;
                }

                var expression = TypedValue(property.Type, key, value);
                if (expression is null)
                {
                    return null;
                }

                foreach (var existing in initializer.Expressions.OfType<AssignmentExpressionSyntax>())
                {
                    if (existing.Left is IdentifierNameSyntax name && name.Identifier.Text == property.Name)
                    {
                        return _ => root.ReplaceNode(existing.Right, expression.WithTriviaFrom(existing.Right));
                    }
                }

                var assignment = Assign(property.Name, expression);
                return _ => root.ReplaceNode(initializer, initializer.AddExpressions(assignment).WithAdditionalAnnotations(Formatter.Annotation));
            }

            case EntryForm.IndexInitializer:
            case EntryForm.ComplexInitializer:
            {
                var initializer = (InitializerExpressionSyntax)entry.Node.Parent!;
                var element = entry.Form == EntryForm.IndexInitializer
                    ? SyntaxFactory.ParseExpression("[" + Quote(key) + "] = " + Quote(value))
                    : ComplexElement(key, value);
                return _ => root.ReplaceNode(initializer, initializer.AddExpressions(element).WithAdditionalAnnotations(Formatter.Annotation));
            }

            case EntryForm.PairCreation when entry.Node.Parent is InitializerExpressionSyntax initializer:
            {
                var element = SyntaxFactory.ParseExpression("new global::System.Collections.Generic.KeyValuePair<string, string>(" + Quote(key) + ", " + Quote(value) + ")")
                    .WithAdditionalAnnotations(Simplifier.Annotation);
                return _ => root.ReplaceNode(initializer, initializer.AddExpressions(element).WithAdditionalAnnotations(Formatter.Annotation));
            }

            case EntryForm.TypedStatement:
            case EntryForm.SetCall:
            case EntryForm.IndexerStatement:
            case EntryForm.AddCall:
            {
                if (entry.Node.Parent is not ExpressionStatementSyntax statement || entry.Receiver is null)
                {
                    return null;
                }

                string receiver = entry.Receiver.WithoutTrivia().ToFullString();
                string text;
                if (entry.Form == EntryForm.TypedStatement)
                {
                    var property = FindTypedProperty(model.GetTypeInfo(entry.Receiver, cancellationToken).Type, key);
                    var expression = property is null ? null : TypedValue(property.Type, key, value);
                    text = property is not null && expression is not null
                        ? receiver + "." + property.Name + " = " + expression.ToFullString() + ";"
                        : receiver + ".Set(" + Quote(key) + ", " + Quote(value) + ");";
                }
                else if (entry.Form == EntryForm.SetCall)
                {
                    text = receiver + ".Set(" + Quote(key) + ", " + Quote(value) + ");";
                }
                else
                {
                    text = receiver + "[" + Quote(key) + "] = " + Quote(value) + ";";
                }

                var added = SyntaxFactory.ParseStatement(text)
                    .WithLeadingTrivia(statement.GetLeadingTrivia())
                    .WithTrailingTrivia(statement.GetTrailingTrivia())
                    .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
                return _ => root.InsertNodesAfter(statement, new[] { added });
            }

            default:
                return null;
        }
    }

    private static Func<CancellationToken, SyntaxNode>? AddEntries(SyntaxNode root, SyntaxNode node, string entries, SemanticModel model, CancellationToken cancellationToken)
    {
        var creation = node.AncestorsAndSelf().FirstOrDefault(static n => n is BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax);
        if (creation is null)
        {
            return null;
        }

        var type = model.GetTypeInfo(creation, cancellationToken).Type;
        var pairs = entries.Split(';').Select(static e => e.Split(new[] { '=' }, 2)).Where(static p => p.Length == 2).ToList();
        var expressions = new System.Collections.Generic.List<ExpressionSyntax>();
        bool typed = IsConfig(type);
        bool indexer = type is not null && type.GetMembers().OfType<IPropertySymbol>().Any(static p => p.IsIndexer) || HasIndexerInBase(type);
        foreach (var pair in pairs)
        {
            if (typed)
            {
                var property = FindTypedProperty(type, pair[0]);
                var value = property is null ? null : TypedValue(property.Type, pair[0], pair[1]);
                if (property is null || value is null)
                {
                    return null;
                }

                expressions.Add(Assign(property.Name, value));
            }
            else if (creation is BaseObjectCreationExpressionSyntax && indexer)
            {
                expressions.Add(SyntaxFactory.ParseExpression("[" + Quote(pair[0]) + "] = " + Quote(pair[1])));
            }
            else
            {
                expressions.Add(SyntaxFactory.ParseExpression("new global::System.Collections.Generic.KeyValuePair<string, string>(" + Quote(pair[0]) + ", " + Quote(pair[1]) + ")").WithAdditionalAnnotations(Simplifier.Annotation));
            }
        }

        InitializerExpressionSyntax? existing = creation switch
        {
            BaseObjectCreationExpressionSyntax o => o.Initializer,
            ArrayCreationExpressionSyntax a => a.Initializer,
            ImplicitArrayCreationExpressionSyntax i => i.Initializer,
            _ => null,
        };

        if (existing is not null)
        {
            // Keep the style of a collection initializer written as { "k", "v" }.
            if (!typed && indexer && existing.Expressions.Count > 0 && existing.Expressions.All(static e => e.IsKind(SyntaxKind.ComplexElementInitializerExpression)))
            {
                expressions = pairs.Select(static p => (ExpressionSyntax)ComplexElement(p[0], p[1])).ToList();
            }

            return _ => root.ReplaceNode(existing, existing.AddExpressions(expressions.ToArray()).WithAdditionalAnnotations(Formatter.Annotation));
        }

        if (creation is not BaseObjectCreationExpressionSyntax objectCreation)
        {
            return null;
        }

        var kindOfInitializer = typed ? SyntaxKind.ObjectInitializerExpression : SyntaxKind.CollectionInitializerExpression;
        if (!typed && indexer)
        {
            kindOfInitializer = SyntaxKind.ObjectInitializerExpression;
        }

        var initializer = SyntaxFactory.InitializerExpression(kindOfInitializer, SyntaxFactory.SeparatedList(expressions));
        SyntaxNode replacement = objectCreation switch
        {
            ObjectCreationExpressionSyntax explicitNew => explicitNew.WithInitializer(initializer),
            ImplicitObjectCreationExpressionSyntax implicitNew => implicitNew.WithInitializer(initializer),
            _ => objectCreation,
        };
        return _ => root.ReplaceNode(objectCreation, replacement.WithAdditionalAnnotations(Formatter.Annotation));
    }

    private static Func<CancellationToken, SyntaxNode>? ReadSecret(SyntaxNode root, EntrySyntax entry, SemanticModel model)
    {
        string? key = entry.Key(model, CancellationToken.None);
        if (key is null)
        {
            return null;
        }

        string? configuration = FindConfigurationInScope(model, entry.ValueExpression.SpanStart);
        string text = configuration is not null
            ? configuration + "[" + Quote("Kafka:Producer:" + key) + "]"
            : "global::System.Environment.GetEnvironmentVariable(" + Quote("KAFKA_" + key.ToUpperInvariant().Replace('.', '_')) + ")";
        var replacement = SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation);
        return _ => root.ReplaceNode(entry.ValueExpression, replacement.WithTriviaFrom(entry.ValueExpression));
    }

    private static Func<CancellationToken, SyntaxNode>? InvariantCulture(SyntaxNode root, EntrySyntax entry)
    {
        const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
        switch (entry.ValueExpression)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "ToString" } } invocation:
            {
                var argument = SyntaxFactory.Argument(SyntaxFactory.ParseExpression(Invariant).WithAdditionalAnnotations(Simplifier.Annotation));
                var updated = invocation.WithArgumentList(invocation.ArgumentList.AddArguments(argument));
                return _ => root.ReplaceNode(invocation, updated);
            }

            case InterpolatedStringExpressionSyntax interpolated:
            {
                var updated = SyntaxFactory.ParseExpression("global::System.FormattableString.Invariant(" + interpolated.WithoutTrivia().ToFullString() + ")")
                    .WithAdditionalAnnotations(Simplifier.Annotation)
                    .WithTriviaFrom(interpolated);
                return _ => root.ReplaceNode(interpolated, updated);
            }

            default:
                return null;
        }
    }

    private static ExpressionSyntax? ValueExpression(EntrySyntax entry, string value, SemanticModel model, CancellationToken cancellationToken)
    {
        if (entry.Form is EntryForm.TypedInitializer or EntryForm.TypedStatement)
        {
            var property = model.GetSymbolInfo(((AssignmentExpressionSyntax)entry.Node).Left, cancellationToken).Symbol as IPropertySymbol;
            string? key = property is null ? null : PropertyCatalog.KeyForCSharpProperty(property.Name);
            return property is null || key is null ? null : TypedValue(property.Type, key, value);
        }

        return Literal(value);
    }

    /// <summary>A C# expression of <paramref name="type"/> that Confluent.Kafka writes as <paramref name="value"/>.</summary>
    private static ExpressionSyntax? TypedValue(ITypeSymbol type, string key, string value)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            string wanted = Canonical(key) == "request.required.acks" && value == "all" ? "-1" : value;
            foreach (var member in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (member.HasConstantValue && string.Equals(EnumValueText.For(type.Name, member.Name), wanted, StringComparison.OrdinalIgnoreCase))
                {
                    return SyntaxFactory.ParseExpression(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.Name)
                        .WithAdditionalAnnotations(Simplifier.Annotation);
                }
            }

            return null;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return ValueText.TryParseBool(value, out bool b) ? SyntaxFactory.LiteralExpression(b ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression) : null;
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
                return ValueText.TryParseStrtol(value, out long l) ? SyntaxFactory.ParseExpression(l.ToString(CultureInfo.InvariantCulture)) : null;
            case SpecialType.System_Double:
                return ValueText.TryParseStrtod(value, out double d, out _) ? SyntaxFactory.ParseExpression(ValueText.Format(d)) : null;
            case SpecialType.System_String:
                return Literal(value);
            default:
                return null;
        }
    }

    private static IPropertySymbol? FindTypedProperty(ITypeSymbol? type, string key)
    {
        string canonical = Canonical(key);
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers().OfType<IPropertySymbol>())
            {
                string? written = PropertyCatalog.KeyForCSharpProperty(member.Name);
                if (written is not null && Canonical(written) == canonical && member.SetMethod is not null)
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static string? FindConfigurationInScope(SemanticModel model, int position)
    {
        foreach (var symbol in model.LookupSymbols(position))
        {
            ITypeSymbol? type = symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                IFieldSymbol field => field.Type,
                IPropertySymbol property when !property.IsIndexer => property.Type,
                _ => null,
            };
            if (type is not null && IsConfiguration(type))
            {
                return symbol.Name;
            }
        }

        return null;
    }

    private static bool IsConfiguration(ITypeSymbol type)
    {
        const string Name = "Microsoft.Extensions.Configuration.IConfiguration";
        return type.ToDisplayString() == Name || type.AllInterfaces.Any(static i => i.ToDisplayString() == Name);
    }

    private static bool IsConfig(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == KnownNames.ConfluentConfig)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasIndexerInBase(ITypeSymbol? type)
    {
        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (current.GetMembers().OfType<IPropertySymbol>().Any(static p => p.IsIndexer))
            {
                return true;
            }
        }

        return false;
    }

    private static ExpressionSyntax Assign(string property, ExpressionSyntax value) =>
        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property), value);

    private static InitializerExpressionSyntax ComplexElement(string key, string value) =>
        SyntaxFactory.InitializerExpression(SyntaxKind.ComplexElementInitializerExpression, SyntaxFactory.SeparatedList<ExpressionSyntax>(new[] { Literal(key), Literal(value) }));

    private static string Canonical(string key) => PropertyCatalog.Canonicalize(key) ?? key;

    private static LiteralExpressionSyntax Literal(string value) => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

    private static string Quote(string value) => SyntaxFactory.Literal(value).ToFullString();
}
