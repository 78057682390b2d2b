using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedProducer.Analyzers.Configuration;

namespace TypedProducer.Analyzers.Contracts;

/// <summary>
/// TPK1xxx: rules about <c>[KafkaMessage]</c> contracts that the generator does not need to block on: topic
/// names, contracts that share a topic or an Avro full name, and partition keys without a message key.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContractAnalyzer : DiagnosticAnalyzer
{
    private const int MaxTopicLength = 249; // org.apache.kafka.common.internals.Topic.MAX_NAME_LENGTH

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.IllegalTopicName,
        DiagnosticDescriptors.TopicMixesDotAndUnderscore,
        DiagnosticDescriptors.TopicClaimedIncompatibly,
        DiagnosticDescriptors.SeveralRecordTypesOnTopicNameSubject,
        DiagnosticDescriptors.AvroFullNameCollision,
        DiagnosticDescriptors.PartitionKeyWithoutMessageKey);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(KnownNames.KafkaMessageAttribute);
            if (attribute is null)
            {
                return;
            }

            var state = new State(
                attribute,
                start.Compilation.GetTypeByMetadataName(KnownNames.MessageKeyAttribute),
                start.Compilation.GetTypeByMetadataName(KnownNames.PartitionKeyAttribute),
                start.Compilation.GetTypeByMetadataName(KnownNames.MessageIgnoreAttribute),
                start.Compilation.GetTypeByMetadataName(KnownNames.TypedProducerOptions));
            start.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
            start.RegisterOperationAction(state.AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterCompilationEndAction(state.AnalyzeCompilation);
        });
    }

    /// <summary>Why <paramref name="topic"/> is not a legal Kafka topic name, or null when it is.</summary>
    /// <param name="topic">The topic name.</param>
    /// <returns>The reason, or null.</returns>
    internal static string? TopicProblem(string topic)
    {
        if (topic.Length == 0)
        {
            return "it is empty";
        }

        if (topic == "." || topic == "..")
        {
            return "'.' and '..' are reserved";
        }

        if (topic.Length > MaxTopicLength)
        {
            return "it is " + topic.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters long, the maximum is 249";
        }

        foreach (char c in topic)
        {
            bool legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!legal)
            {
                return "'" + c + "' is not allowed (only [a-zA-Z0-9._-])";
            }
        }

        return null;
    }

    private sealed class State
    {
        private readonly INamedTypeSymbol _kafkaMessage;
        private readonly INamedTypeSymbol? _messageKey;
        private readonly INamedTypeSymbol? _partitionKey;
        private readonly INamedTypeSymbol? _messageIgnore;
        private readonly INamedTypeSymbol? _options;
        private readonly ConcurrentBag<ContractInfo> _contracts = new();
        private readonly ConcurrentBag<int> _strategies = new();

        public State(INamedTypeSymbol kafkaMessage, INamedTypeSymbol? messageKey, INamedTypeSymbol? partitionKey, INamedTypeSymbol? messageIgnore, INamedTypeSymbol? options)
        {
            _kafkaMessage = kafkaMessage;
            _messageKey = messageKey;
            _partitionKey = partitionKey;
            _messageIgnore = messageIgnore;
            _options = options;
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            AttributeData? attribute = null;
            foreach (var candidate in type.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, _kafkaMessage))
                {
                    attribute = candidate;
                    break;
                }
            }

            if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string topic)
            {
                return;
            }

            var topicLocation = TopicLocation(attribute, context.CancellationToken) ?? type.Locations.FirstOrDefault() ?? Location.None;
            string? problem = TopicProblem(topic);
            if (problem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.IllegalTopicName, topicLocation, topic, problem));
            }
            else if (topic.IndexOf('.') >= 0 && topic.IndexOf('_') >= 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TopicMixesDotAndUnderscore, topicLocation, topic));
            }

            int format = 0;
            string? name = null;
            string? ns = null;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Format" when named.Value.Value is int f:
                        format = f;
                        break;
                    case "Name":
                        name = named.Value.Value as string;
                        break;
                    case "Namespace":
                        ns = named.Value.Value as string;
                        break;
                }
            }

            ISymbol? keyMember = null;
            ISymbol? partitionMember = null;
            AttributeData? partitionAttribute = null;
            foreach (var member in type.GetMembers())
            {
                if (member is not (IPropertySymbol or IFieldSymbol) || member.IsImplicitlyDeclared)
                {
                    continue;
                }

                foreach (var memberAttribute in member.GetAttributes())
                {
                    if (_messageKey is not null && SymbolEqualityComparer.Default.Equals(memberAttribute.AttributeClass, _messageKey))
                    {
                        keyMember ??= member;
                    }
                    else if (_partitionKey is not null && SymbolEqualityComparer.Default.Equals(memberAttribute.AttributeClass, _partitionKey))
                    {
                        partitionMember ??= member;
                        partitionAttribute ??= memberAttribute;
                    }
                }
            }

            if (partitionMember is not null && keyMember is null)
            {
                var location = partitionAttribute?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? partitionMember.Locations.FirstOrDefault() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PartitionKeyWithoutMessageKey, location, type.Name, partitionMember.Name));
            }

            string keyType = keyMember switch
            {
                IPropertySymbol p => p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(),
                IFieldSymbol f => f.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(),
                _ => "no key",
            };
            // As the generator does: [KafkaMessage]'s Name and Namespace, then [AvroRecord]'s, then the type's.
            foreach (var typeAttribute in type.GetAttributes())
            {
                if (typeAttribute.AttributeClass?.ToDisplayString() != KnownNames.AvroRecordAttribute)
                {
                    continue;
                }

                foreach (var named in typeAttribute.NamedArguments)
                {
                    if (named.Key == "Name")
                    {
                        name ??= named.Value.Value as string;
                    }
                    else if (named.Key == "Namespace")
                    {
                        ns ??= named.Value.Value as string;
                    }
                }
            }

            string avroNamespace = ns ?? (type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty);
            string avroName = name ?? type.Name;
            string fullName = avroNamespace.Length > 0 ? avroNamespace + "." + avroName : avroName;
            _contracts.Add(new ContractInfo(type.ToDisplayString(), topic, format, keyType, fullName, topicLocation));
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (_options is not null
                && assignment.Target is IPropertyReferenceOperation { Property.Name: "SubjectNameStrategy" } property
                && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _options))
            {
                var value = assignment.Value is IConversionOperation conversion ? conversion.Operand : assignment.Value;
                _strategies.Add(value.ConstantValue is { HasValue: true, Value: int strategy } ? strategy : -1);
            }
        }

        public void AnalyzeCompilation(CompilationAnalysisContext context)
        {
            var contracts = _contracts.OrderBy(static c => c.Location.GetLineSpan().Path, StringComparer.Ordinal)
                .ThenBy(static c => c.Location.SourceSpan.Start)
                .ThenBy(static c => c.TypeName, StringComparer.Ordinal)
                .ToList();
            bool topicNameStrategyPossible = TopicNameStrategyPossible(context);

            foreach (var group in contracts.GroupBy(static c => c.Topic, StringComparer.Ordinal))
            {
                var first = group.First();
                foreach (var other in group.Skip(1))
                {
                    string? difference = null;
                    if (other.Format != first.Format)
                    {
                        difference = "value format (" + FormatName(first.Format) + " and " + FormatName(other.Format) + ")";
                    }
                    else if (other.KeyType != first.KeyType)
                    {
                        difference = "key type (" + first.KeyType + " and " + other.KeyType + ")";
                    }

                    if (difference is not null)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TopicClaimedIncompatibly, other.Location, first.TypeName, other.TypeName, other.Topic, difference));
                    }
                    else if (other.Format == 0 && other.FullName != first.FullName && topicNameStrategyPossible)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SeveralRecordTypesOnTopicNameSubject, other.Location, first.TypeName, other.TypeName, other.Topic));
                    }
                }
            }

            foreach (var group in contracts.Where(static c => c.Format == 0).GroupBy(static c => c.FullName, StringComparer.Ordinal))
            {
                var first = group.First();
                foreach (var other in group.Skip(1))
                {
                    if (other.TypeName != first.TypeName)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AvroFullNameCollision, other.Location, first.TypeName, other.TypeName, other.FullName));
                    }
                }
            }
        }

        /// <summary>
        /// False only when every strategy this project sets (in code or in appsettings*.json) is RecordName or
        /// TopicRecordName. With nothing set, the runtime's default TopicName applies.
        /// </summary>
        private bool TopicNameStrategyPossible(CompilationAnalysisContext context)
        {
            var strategies = new List<int>(_strategies);
            foreach (var file in context.Options.AdditionalFiles)
            {
                if (!AppSettingsAnalyzer.IsAppSettings(file.Path) || file.GetText(context.CancellationToken) is not { } text)
                {
                    continue;
                }

                if (AppSettingsAnalyzer.KafkaSection(text)?.Find("SubjectNameStrategy")?.Value is JsonScalar { Text: { } configured })
                {
                    strategies.Add(configured.Trim().ToLowerInvariant() switch
                    {
                        "topicname" or "0" => 0,
                        "recordname" or "1" => 1,
                        "topicrecordname" or "2" => 2,
                        _ => -1,
                    });
                }
            }

            return strategies.Count == 0 || strategies.Any(static s => s == 0);
        }

        private static string FormatName(int format) => format switch
        {
            0 => "Avro",
            1 => "Protobuf",
            2 => "Json",
            _ => format.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static Location? TopicLocation(AttributeData attribute, System.Threading.CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax)
            {
                foreach (var argument in syntax.ArgumentList.Arguments)
                {
                    if (argument.NameEquals is null)
                    {
                        return argument.GetLocation();
                    }
                }
            }

            return attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
        }
    }

    private sealed class ContractInfo
    {
        public ContractInfo(string typeName, string topic, int format, string keyType, string fullName, Location location)
        {
            TypeName = typeName;
            Topic = topic;
            Format = format;
            KeyType = keyType;
            FullName = fullName;
            Location = location;
        }

        public string TypeName { get; }

        public string Topic { get; }

        public int Format { get; }

        public string KeyType { get; }

        public string FullName { get; }

        public Location Location { get; }
    }
}
