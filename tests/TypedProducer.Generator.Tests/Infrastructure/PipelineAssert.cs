using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TypedProducer.Generator.Tests.Infrastructure;

/// <summary>
/// Cacheability checks in the shape of NetEscapades.EnumGenerators' test helpers: compare the tracked steps of
/// two runs, and walk step outputs for objects that must not travel through an incremental pipeline.
/// </summary>
internal static class PipelineAssert
{
    /// <summary>Every tracking name the generator declares (public constants of TrackingNames).</summary>
    public static string[] TrackingNames { get; } = typeof(TypedProducerGenerator.TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static readonly Type[] s_forbidden =
    {
        typeof(ISymbol),
        typeof(Compilation),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(SemanticModel),
        typeof(Location),
    };

    /// <summary>The generator's tracked steps by name (only the names in <see cref="TrackingNames"/>).</summary>
    public static IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> TrackedSteps(GeneratorDriverRunResult result) =>
        GeneratorHarness.Ours(result).TrackedSteps
            .Where(step => TrackingNames.Contains(step.Key))
            .ToDictionary(step => step.Key, step => step.Value);

    /// <summary>
    /// Asserts that the second run produced the same tracked steps with equal outputs, every one of them Cached
    /// or Unchanged, and that no output of the first run holds a forbidden object.
    /// </summary>
    public static void AllStepsCached(GeneratorDriverRunResult first, GeneratorDriverRunResult second, params string[] expectedSteps)
    {
        IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> firstSteps = TrackedSteps(first);
        IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> secondSteps = TrackedSteps(second);

        foreach (string name in expectedSteps)
        {
            Assert.True(firstSteps.ContainsKey(name), $"Step '{name}' was not tracked; tracked: {string.Join(", ", firstSteps.Keys)}");
        }

        Assert.Equal(firstSteps.Keys.OrderBy(k => k), secondSteps.Keys.OrderBy(k => k));
        foreach ((string name, ImmutableArray<IncrementalGeneratorRunStep> steps) in firstSteps)
        {
            ImmutableArray<IncrementalGeneratorRunStep> again = secondSteps[name];
            Assert.True(steps.Length == again.Length, $"Step '{name}' ran {steps.Length} times, then {again.Length} times.");
            for (int i = 0; i < steps.Length; i++)
            {
                object?[] before = steps[i].Outputs.Select(o => o.Value).ToArray();
                object?[] after = again[i].Outputs.Select(o => o.Value).ToArray();
                Assert.True(before.SequenceEqual(after), $"Step '{name}' #{i} produced different outputs on the second run.");

                foreach ((object value, IncrementalStepRunReason reason) in again[i].Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step '{name}' #{i} output was {reason} on the second run: {value}");
                }

                foreach ((object value, IncrementalStepRunReason _) in steps[i].Outputs)
                {
                    NoForbiddenObjects(value, name);
                }
            }
        }
    }

    /// <summary>Walks an object graph (fields of records and structs, items of collections) and fails on a forbidden type.</summary>
    public static void NoForbiddenObjects(object? value, string path) =>
        Walk(value, path, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void Walk(object? node, string path, HashSet<object> visited)
    {
        if (node is null)
        {
            return;
        }

        Type type = node.GetType();
        foreach (Type forbidden in s_forbidden)
        {
            Assert.False(forbidden.IsAssignableFrom(type), $"{path} holds a {forbidden.Name} ({type.FullName}); pipeline outputs must be plain equatable data.");
        }

        if (type.IsPrimitive || type.IsEnum || node is string or decimal or DateTime or Guid or Type)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(node))
        {
            return;
        }

        if (node is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{index++}]", visited);
            }
        }

        for (Type? level = type; level is not null && level != typeof(object) && level != typeof(ValueType); level = level.BaseType)
        {
            foreach (FieldInfo field in level.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(node), $"{path}.{Clean(field.Name)}", visited);
            }
        }
    }

    // Record properties are backed by "<Name>k__BackingField".
    private static string Clean(string fieldName) =>
        fieldName.StartsWith('<') && fieldName.IndexOf('>') is var end and > 0 ? fieldName.Substring(1, end - 1) : fieldName;
}
