using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>
/// Collects producer configurations written in one operation block (a method, lambda bodies included, or a field
/// initializer) with the operations API, as a history per configuration: creations (<c>new ProducerConfig { ... }</c>,
/// copy constructors, assignments), entries (typed properties, <c>Set</c>, dictionary and key/value entries,
/// <c>TypedProducerOptions.Producer</c>), changes it cannot see (a non-constant key, the configuration passed to other
/// code such as <c>configuration.Bind(config)</c>) and the points where it reaches a producer
/// (<c>new ProducerBuilder&lt;K, V&gt;(...)</c>). Each history is judged where it reaches a producer, else where it stops
/// changing, on every combination of the branches it runs under (<see cref="Guard"/>); a finding is reported when it
/// holds on every path through the code it is reported on.
/// </summary>
internal sealed class CSharpConfigCollector
{
    /// <summary>Branch combinations judged per configuration; beyond this, entries under branches become unknown.</summary>
    private const int MaxWorlds = 64;

    private readonly KnownTypes _types;
    private readonly object _gate = new();
    private readonly Dictionary<object, Variable> _variables = new();
    private readonly List<(object Key, int Position, Guard Guard)> _reaches = new();

    public CSharpConfigCollector(KnownTypes types) => _types = types;

    private enum VariableKind
    {
        ProducerConfig,
        ClientConfig,
        StringPairs,
        Options,
    }

    /// <summary>Handles <see cref="OperationKind.ObjectCreation"/>.</summary>
    public void OnObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var type = creation.Type;
        lock (_gate)
        {
            VariableKind? kind = KindOf(type);
            if (kind is { } created)
            {
                object key = (object?)TargetOf(creation) ?? creation;
                var variable = GetVariable(key, created);
                var guard = Guard.Of(creation);
                var bases = new List<(object? Source, int Position)>();
                foreach (var argument in creation.Arguments)
                {
                    if (IsConfigLike(argument.Value.Type))
                    {
                        bases.Add((SourceOf(argument.Value), argument.Syntax.Span.End));
                    }
                }

                var creationEvent = Event.Creation(creation.Syntax.SpanStart, guard, created, CreationLocation(creation), bases);
                creationEvent.Sequential = created == VariableKind.StringPairs && !IsDictionary(type);
                variable.Events.Add(creationEvent);
                if (creation.Initializer is not null)
                {
                    foreach (var initializer in creation.Initializer.Initializers)
                    {
                        if (created is VariableKind.ProducerConfig or VariableKind.ClientConfig)
                        {
                            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                            {
                                AddTyped(variable, property, assignment.Value, assignment.Syntax, guard);
                            }
                        }
                        else
                        {
                            AddCollectionElement(variable, initializer, guard);
                        }
                    }
                }

                return;
            }

            if (_types.IsProducerBuilder(type))
            {
                if (creation.Arguments.Length > 0 && SourceOf(creation.Arguments[0].Value) is { } source)
                {
                    _reaches.Add((source, creation.Syntax.Span.End, Guard.Of(creation)));
                }

                return;
            }

            // Confluent.Kafka's builders and config copies (new ConsumerConfig(config)) only read what they are given.
            if (AnyConfigLike(creation.Arguments))
            {
                HavocArguments(creation.Arguments, IsConfluentBuilder(type) || _types.IsConfig(type));
            }
        }
    }

    /// <summary>Handles <see cref="OperationKind.ArrayCreation"/> of <c>KeyValuePair&lt;string, string&gt;[]</c>.</summary>
    public void OnArrayCreation(OperationAnalysisContext context)
    {
        var creation = (IArrayCreationOperation)context.Operation;
        if (creation.Initializer is null || !_types.IsStringPairCollection(creation.Type))
        {
            return;
        }

        lock (_gate)
        {
            object key = (object?)TargetOf(creation) ?? creation;
            var variable = GetVariable(key, VariableKind.StringPairs);
            var guard = Guard.Of(creation);
            var creationEvent = Event.Creation(creation.Syntax.SpanStart, guard, VariableKind.StringPairs, CreationLocation(creation), new List<(object?, int)>());
            creationEvent.Sequential = true;
            variable.Events.Add(creationEvent);
            foreach (var element in creation.Initializer.ElementValues)
            {
                AddPair(variable, AccessPath.Unwrap(element), guard);
            }
        }
    }

    /// <summary>Handles <see cref="OperationKind.SimpleAssignment"/> outside object initializers.</summary>
    public void OnAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Parent is IObjectOrCollectionInitializerOperation
            || !(IsConfigLike(assignment.Target.Type) || (assignment.Target is IPropertyReferenceOperation { Instance: { } owner } && IsConfigLike(owner.Type))))
        {
            return; // neither a configuration assigned nor a property of one
        }

        lock (_gate)
        {
            if (KindOf(assignment.Target.Type) is { } kind && AccessPath.Of(assignment.Target) is { } target)
            {
                AddCopy(target, kind, assignment.Value, assignment.Syntax.SpanStart, Guard.Of(assignment));
                return;
            }

            if (assignment.Target is not IPropertyReferenceOperation property)
            {
                return;
            }

            if (!property.Property.IsIndexer && _types.IsConfig(property.Property.ContainingType))
            {
                if (property.Instance is { } instance && SourceOf(instance) is { } key)
                {
                    AddTyped(GetVariable(key, _types.IsProducerConfig(instance.Type) ? VariableKind.ProducerConfig : VariableKind.ClientConfig), property, assignment.Value, assignment.Syntax, Guard.Of(assignment));
                }

                return;
            }

            if (property.Property.IsIndexer && property.Arguments.Length == 1 && property.Instance is { } dictionary && _types.IsStringPairCollection(dictionary.Type))
            {
                var variable = VariableForDictionary(dictionary);
                if (variable is not null)
                {
                    AddString(variable, property.Arguments[0].Value, assignment.Value, assignment.Syntax.SpanStart, Guard.Of(assignment));
                }
            }
        }
    }

    /// <summary>Handles <see cref="OperationKind.CoalesceAssignment"/>: <c>config.MessageTimeoutMs ??= 5000</c> sets the key only when it is unset.</summary>
    public void OnCoalesceAssignment(OperationAnalysisContext context)
    {
        var assignment = (ICoalesceAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.IsIndexer: false } property || !_types.IsConfig(property.Property.ContainingType)
            || property.Instance is not { } instance || SourceOf(instance) is not { } key)
        {
            return;
        }

        lock (_gate)
        {
            // Guard.Of(Value) puts the entry under the ??= branch: it runs only when the key was not set.
            AddTyped(GetVariable(key, _types.IsProducerConfig(instance.Type) ? VariableKind.ProducerConfig : VariableKind.ClientConfig), property, assignment.Value, assignment.Syntax, Guard.Of(assignment.Value));
        }
    }

    /// <summary>
    /// Handles <see cref="OperationKind.Invocation"/>: <c>Set</c>, <c>Add</c>, <c>TryAdd</c>, <c>Remove</c>; any other call
    /// that is given a configuration may change it.
    /// </summary>
    public void OnInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!(invocation.Instance is { } instance && IsConfigLike(instance.Type)) && !AnyConfigLike(invocation.Arguments))
        {
            return; // most calls in a method body: nothing to do with a configuration
        }

        lock (_gate)
        {
            if (invocation.Instance is not null && invocation.Parent is not IObjectOrCollectionInitializerOperation)
            {
                if (method.Name == "Set" && invocation.Arguments.Length == 2 && _types.IsConfig(method.ContainingType))
                {
                    if (SourceOf(invocation.Instance) is { } key)
                    {
                        var variable = GetVariable(key, _types.IsProducerConfig(invocation.Instance.Type) ? VariableKind.ProducerConfig : VariableKind.ClientConfig);
                        AddString(variable, Arg(invocation, 0), Arg(invocation, 1), invocation.Syntax.SpanStart, Guard.Of(invocation));
                    }

                    HavocArguments(invocation.Arguments, readOnly: false, skip: 2);
                    return;
                }

                if (_types.IsStringPairCollection(invocation.Instance.Type) && VariableForDictionary(invocation.Instance) is { } dictionary)
                {
                    var guard = Guard.Of(invocation);
                    switch (method.Name)
                    {
                        case "Add" or "TryAdd" when invocation.Arguments.Length == 2:
                            AddString(dictionary, Arg(invocation, 0), Arg(invocation, 1), invocation.Syntax.SpanStart, guard);
                            break;
                        case "Add" when invocation.Arguments.Length == 1:
                            AddPair(dictionary, AccessPath.Unwrap(Arg(invocation, 0)), guard);
                            break;
                        case "Remove" when invocation.Arguments.Length == 1 && Arg(invocation, 0).ConstantValue is { HasValue: true, Value: string removed }:
                            dictionary.Events.Add(Event.Of(new ConfigEntry(removed, null, true, EntrySource.StringKey, invocation.Syntax.SpanStart) { RemovesKey = true }, guard));
                            break;
                        case "ContainsKey" or "TryGetValue" or "GetEnumerator" or "ContainsValue" or "Contains" or "CopyTo" or "Equals" or "GetHashCode" or "ToString" or "GetValueOrDefault":
                            break;
                        default:
                            dictionary.Events.Add(Event.Havoc(invocation.Syntax.SpanStart, guard));
                            break;
                    }

                    return;
                }
            }

            // Readers (LINQ, string.Join, Confluent.Kafka's own Get) leave a configuration as it is; anything else given
            // one (configuration.Bind(config), a helper, a logger) may change it.
            bool readOnly = _types.IsReader(method.ContainingType)
                || (_types.IsConfig(method.ContainingType) && method.Name is "Get" or "GetEnumerator" or "ToString" or "Equals" or "GetHashCode");
            if (invocation.Instance is { } receiver && !readOnly && IsConfigLike(receiver.Type) && SourceOf(receiver) is { } changed
                && !(_types.IsConfig(method.ContainingType) && method.Name is "Set"))
            {
                GetVariable(changed, KindOf(receiver.Type) ?? VariableKind.StringPairs).Events.Add(Event.Havoc(invocation.Syntax.SpanStart, Guard.Of(invocation)));
            }

            HavocArguments(invocation.Arguments, readOnly);
        }
    }

    /// <summary>True when the block touched no configuration.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _variables.Count == 0;
            }
        }
    }

    /// <summary>Evaluates every configuration of the block; reports what holds on every path (see the class summary).</summary>
    public void Evaluate(LibrdkafkaVersion target, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // First every history is put in order and freed of the branches all its uses share (the lambda an options
            // parameter belongs to, the if a local is declared in): those say nothing about it, so it is judged given
            // that they run. Done before any judgement, as a copy reads its source's history.
            foreach (var pair in _variables)
            {
                var variable = pair.Value;
                variable.Events.Sort(static (a, b) => a.Position.CompareTo(b.Position));
                foreach (var reach in _reaches)
                {
                    if (Equals(reach.Key, pair.Key))
                    {
                        variable.Reaches.Add((reach.Position, reach.Guard));
                    }
                }

                int shared = SharedPrefix(variable.Events, variable.Reaches);
                if (shared > 0)
                {
                    foreach (var e in variable.Events)
                    {
                        e.Guard = e.Guard.WithoutPrefix(shared);
                    }

                    for (int r = 0; r < variable.Reaches.Count; r++)
                    {
                        variable.Reaches[r] = (variable.Reaches[r].Position, variable.Reaches[r].Guard.WithoutPrefix(shared));
                    }
                }
            }

            var reported = new HashSet<(string, Location)>();
            foreach (var pair in _variables)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var variable = pair.Value;
                var reachGuards = variable.Reaches;
                var reaches = new List<int>();
                foreach (var (position, guard) in reachGuards)
                {
                    EvaluateAt(pair.Key, variable, position, guard, reachesProducer: true, target, report, reported);
                    reaches.Add(position);
                }

                // A ProducerConfig (or TypedProducer's options) is also judged where each of its versions (from one
                // creation to the next) stops changing, when that version reaches no producer here, or, for a field,
                // property or parameter, when it changes after its last producer (it may reach one elsewhere). What a
                // local is given after its last producer reaches none. A dictionary or ClientConfig is judged only where
                // it reaches a producer (or a ProducerConfig copies it).
                bool local = pair.Key is IOperation || pair.Key is AccessPath { IsLocal: true };
                var bounds = new List<int> { int.MinValue };
                foreach (var e in variable.Events)
                {
                    if (e.Kind == EventKind.Creation)
                    {
                        bounds.Add(e.Position);
                    }
                }

                bounds.Add(int.MaxValue);
                for (int b = 0; b + 1 < bounds.Count; b++)
                {
                    int from = bounds[b];
                    int to = bounds[b + 1];
                    var kind = variable.KindAt(to == int.MaxValue ? int.MaxValue : to);
                    if (kind is not (VariableKind.ProducerConfig or VariableKind.Options))
                    {
                        continue;
                    }

                    int lastReach = int.MinValue;
                    foreach (int reach in reaches)
                    {
                        if (reach > from && reach < to)
                        {
                            lastReach = Math.Max(lastReach, reach);
                        }
                    }

                    bool hasEvents = variable.Events.Exists(e => e.Position >= from && e.Position < to);
                    bool changedAfter = variable.Events.Exists(e => e.Position > lastReach && e.Position < to && e.Kind != EventKind.Creation);
                    if (hasEvents && (lastReach == int.MinValue || (changedAfter && !local)))
                    {
                        EvaluateAt(pair.Key, variable, to, Guard.None, reachesProducer: kind == VariableKind.Options, target, report, reported);
                    }
                }
            }
        }
    }

    /// <summary>The number of leading guard steps all events and producer reaches of a configuration share.</summary>
    private static int SharedPrefix(List<Event> events, List<(int Position, Guard Guard)> reaches)
    {
        GuardStep[]? first = null;
        int shared = int.MaxValue;
        void Visit(Guard guard)
        {
            if (first is null)
            {
                first = guard.Steps;
                shared = first.Length;
                return;
            }

            int n = 0;
            while (n < shared && n < guard.Steps.Length && guard.Steps[n].Equals(first[n]))
            {
                n++;
            }

            shared = n;
        }

        foreach (var e in events)
        {
            Visit(e.Guard);
        }

        foreach (var (_, guard) in reaches)
        {
            Visit(guard);
        }

        return first is null ? 0 : shared;
    }

    /// <summary>
    /// The common case, straight-line code: no event under a branch before <paramref name="position"/>, so the latest
    /// creation is the one in effect. One path, so every finding holds on it; judged without the bookkeeping of <see cref="EvaluateAt"/>.
    /// </summary>
    private bool TryEvaluateStraight(Variable variable, int position, bool reachesProducer, LibrdkafkaVersion target, Action<Diagnostic> report, HashSet<(string, Location)> reported)
    {
        Event? creation = null;
        foreach (var e in variable.Events)
        {
            if (e.Position >= position)
            {
                break;
            }

            if (e.Guard.Steps.Length > 0)
            {
                return false;
            }

            if (e.Kind == EventKind.Creation)
            {
                creation = e; // unconditional: a later creation replaces the configuration
            }
        }

        var kind = creation?.VariableKind ?? variable.KindAt(position);
        var items = new List<ConfigItem>();
        bool baseUnknown = creation is null ? kind != VariableKind.Options : false;
        if (creation is not null)
        {
            foreach (var (source, snapshot) in creation.Bases)
            {
                var collected = new List<(ConfigItem Item, Guard Guard)>();
                if (source is null || !CollectBase(source, snapshot, collected, depth: 0))
                {
                    baseUnknown = true;
                    items.Clear();
                    continue;
                }

                foreach (var (item, guard) in collected)
                {
                    if (guard.Steps.Length > 0)
                    {
                        return false;
                    }

                    items.Add(item);
                }
            }
        }

        foreach (var e in variable.Events)
        {
            if (e.Position >= position)
            {
                break;
            }

            if (e.Kind != EventKind.Creation && (creation is null || e.Position > creation.Position))
            {
                items.Add(e.Item);
            }
        }

        var flavor = kind == VariableKind.Options ? ConfigFlavor.TypedProducerRuntime : ConfigFlavor.Librdkafka;
        var model = new ConfigModel(flavor, baseUnknown, creation?.Location, items, target, reachesProducer, creation?.Sequential ?? false)
        {
            HasAwsOAuthBearer = _types.HasAwsOAuthBearer,
        };
        ProducerConfigRules.Evaluate(model, diagnostic =>
        {
            if (reported.Add((diagnostic.Id, diagnostic.Location)))
            {
                report(diagnostic);
            }
        });
        return true;
    }

    private void EvaluateAt(object key, Variable variable, int position, Guard at, bool reachesProducer, LibrdkafkaVersion target, Action<Diagnostic> report, HashSet<(string, Location)> reported)
    {
        if (at.Steps.Length == 0 && TryEvaluateStraight(variable, position, reachesProducer, target, report, reported))
        {
            return;
        }

        // The creations this point may see: the latest one that certainly ran on the way here, and any conditional
        // ones after it. No creation at all: the configuration came from elsewhere (unknown), except options, which
        // TypedProducer creates with its defaults.
        var scenarios = new List<Scenario>();
        var later = new List<Event>();
        bool definite = false;
        for (int i = variable.Events.Count - 1; i >= 0; i--)
        {
            var e = variable.Events[i];
            if (e.Kind != EventKind.Creation || e.Position >= position)
            {
                continue;
            }

            scenarios.Add(new Scenario(e, later.ToArray()));
            later.Add(e);
            if (at.Implies(e.Guard))
            {
                definite = true;
                break;
            }
        }

        if (!definite)
        {
            scenarios.Add(new Scenario(null, later.ToArray()));
        }

        // A finding is reported when it holds in every world in which the code it is reported on is part of the
        // configuration that gets here (the entry ran and its configuration was not replaced since).
        var fired = new Dictionary<(string, Location), (Diagnostic Diagnostic, int Count)>();
        var present = new Dictionary<Location, int>();
        int worlds = 0;
        foreach (var scenario in scenarios)
        {
            var items = new List<(ConfigItem Item, Guard Guard)>();
            bool baseUnknown;
            VariableKind kind;
            Location? creationLocation = null;
            if (scenario.Creation is { } creation)
            {
                kind = creation.VariableKind;
                creationLocation = creation.Location;
                baseUnknown = false;
                foreach (var (source, snapshot) in creation.Bases)
                {
                    if (source is null || !CollectBase(source, snapshot, items, depth: 0))
                    {
                        baseUnknown = true;
                        items.Clear();
                    }
                }
            }
            else
            {
                kind = variable.KindAt(position);
                baseUnknown = kind != VariableKind.Options;
            }

            int start = scenario.Creation?.Position ?? int.MinValue;
            foreach (var e in variable.Events)
            {
                if (e.Position > start && e.Position < position && e.Kind != EventKind.Creation)
                {
                    items.Add((e.Item, e.Guard));
                }
            }

            var flavor = kind == VariableKind.Options ? ConfigFlavor.TypedProducerRuntime : ConfigFlavor.Librdkafka;
            foreach (var world in Worlds(items, at, scenario, out bool exact))
            {
                var visible = new List<ConfigItem>(items.Count);
                var here = new HashSet<Location>();
                if (creationLocation is not null)
                {
                    here.Add(creationLocation);
                }

                foreach (var (item, guard) in items)
                {
                    if (!exact && guard.Steps.Length > 0)
                    {
                        // Too many branches to enumerate: an entry under a branch makes its key unknown.
                        visible.Add(ConfigItem.UnknownChange(item.Entry?.Canonical));
                    }
                    else if (guard.IsActive(world))
                    {
                        visible.Add(item);
                        if (item.Entry is { } entry)
                        {
                            AddPresent(here, entry.KeyLocation);
                            AddPresent(here, entry.ValueLocation);
                        }
                    }
                }

                worlds++;
                foreach (var location in here)
                {
                    present[location] = present.TryGetValue(location, out int n) ? n + 1 : 1;
                }

                var model = new ConfigModel(flavor, baseUnknown, creationLocation, visible, target, reachesProducer, scenario.Creation?.Sequential ?? false)
                {
                    HasAwsOAuthBearer = _types.HasAwsOAuthBearer,
                };
                ProducerConfigRules.Evaluate(model, diagnostic =>
                {
                    var id = (diagnostic.Id, diagnostic.Location);
                    fired[id] = fired.TryGetValue(id, out var seen) ? (seen.Diagnostic, seen.Count + 1) : (diagnostic, 1);
                });
            }
        }

        foreach (var pair in fired)
        {
            int required = present.TryGetValue(pair.Key.Item2, out int n) ? n : worlds;
            if (pair.Value.Count >= required && reported.Add(pair.Key))
            {
                report(pair.Value.Diagnostic);
            }
        }
    }

    private static void AddPresent(HashSet<Location> here, Location? location)
    {
        if (location is not null)
        {
            here.Add(location);
        }
    }

    /// <summary>
    /// The combinations of branch arms the items, the evaluation point and the scenario run under, restricted to those
    /// in which the point is reached, the scenario's creation ran and no later creation did. <paramref name="exact"/>
    /// is false when there are more than <see cref="MaxWorlds"/>: then one world, with no branch taken.
    /// </summary>
    private static IEnumerable<Dictionary<IOperation, int>> Worlds(List<(ConfigItem Item, Guard Guard)> items, Guard at, Scenario scenario, out bool exact)
    {
        var branches = new Dictionary<IOperation, int>();
        void Add(Guard guard)
        {
            foreach (var step in guard.Steps)
            {
                branches[step.Branch] = step.Arms;
            }
        }

        foreach (var (_, guard) in items)
        {
            Add(guard);
        }

        Add(at);
        if (scenario.Creation is not null)
        {
            Add(scenario.Creation.Guard);
        }

        foreach (var later in scenario.Later)
        {
            Add(later.Guard);
        }

        long count = 1;
        foreach (int arms in branches.Values)
        {
            count *= arms;
            if (count > MaxWorlds)
            {
                exact = false;
                return new[] { new Dictionary<IOperation, int>() };
            }
        }

        exact = true;
        var worlds = new List<Dictionary<IOperation, int>> { new() };
        foreach (var branch in branches)
        {
            var next = new List<Dictionary<IOperation, int>>();
            foreach (var world in worlds)
            {
                for (int arm = 0; arm < branch.Value; arm++)
                {
                    next.Add(new Dictionary<IOperation, int>(world) { [branch.Key] = arm });
                }
            }

            worlds = next;
        }

        worlds.RemoveAll(w => !at.IsActive(w)
            || (scenario.Creation is not null && !scenario.Creation.Guard.IsActive(w))
            || Array.Exists(scenario.Later, l => l.Guard.IsActive(w)));
        return worlds;
    }

    /// <summary>
    /// Adds what <paramref name="source"/> holds at <paramref name="position"/> (a copy constructor snapshots it there).
    /// False when that cannot be seen: the source was not created in this block.
    /// </summary>
    private bool CollectBase(object source, int position, List<(ConfigItem Item, Guard Guard)> items, int depth)
    {
        if (depth > 4 || !_variables.TryGetValue(source, out var variable))
        {
            return false;
        }

        variable.Events.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        Event? creation = null;
        foreach (var e in variable.Events)
        {
            if (e.Kind == EventKind.Creation && e.Position < position)
            {
                creation = e;
            }
        }

        if (creation is null && variable.KindAt(position) != VariableKind.Options)
        {
            return false;
        }

        if (creation is not null)
        {
            if (creation.UnknownBase)
            {
                return false;
            }

            foreach (var (inner, snapshot) in creation.Bases)
            {
                if (inner is null || !CollectBase(inner, snapshot, items, depth + 1))
                {
                    return false;
                }
            }
        }

        int start = creation?.Position ?? int.MinValue;
        foreach (var e in variable.Events)
        {
            if (e.Position > start && e.Position < position && e.Kind != EventKind.Creation)
            {
                items.Add((e.Item, e.Guard));
            }
        }

        return true;
    }

    private VariableKind? KindOf(ITypeSymbol? type)
    {
        if (_types.IsProducerConfig(type))
        {
            return VariableKind.ProducerConfig;
        }

        if (_types.IsClientConfigExactly(type))
        {
            return VariableKind.ClientConfig;
        }

        if (_types.IsConfig(type))
        {
            return null;
        }

        if (_types.IsOptions(type))
        {
            return VariableKind.Options;
        }

        return _types.IsStringPairCollection(type) ? VariableKind.StringPairs : null;
    }

    private static bool IsDictionary(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (candidate.OriginalDefinition.MetadataName == "IDictionary`2")
            {
                return true;
            }
        }

        return false;
    }

    private bool IsConfigLike(ITypeSymbol? type) => _types.IsConfigLike(type);

    private bool AnyConfigLike(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (IsConfigLike(AccessPath.Unwrap(argument.Value).Type))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsConfluentBuilder(ITypeSymbol? type) =>
        type?.ContainingNamespace?.ToDisplayString() == "Confluent.Kafka" && type.Name.EndsWith("Builder", StringComparison.Ordinal);

    /// <summary>A configuration given to other code may be changed there: what it holds afterwards is unknown.</summary>
    private void HavocArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, bool readOnly, int skip = 0)
    {
        for (int i = skip; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            var value = AccessPath.Unwrap(argument.Value); // Bind(object instance): the configuration converted to object
            bool byReference = argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;
            if ((readOnly && !byReference) || !IsConfigLike(value.Type) || SourceOf(value) is not { } key)
            {
                continue;
            }

            GetVariable(key, KindOf(value.Type) ?? VariableKind.StringPairs).Events.Add(Event.Havoc(argument.Syntax.Span.End, Guard.Of(argument)));
        }
    }

    /// <summary>A configuration taken from another expression: a copy of a visible one, else of unknown content.</summary>
    private void AddCopy(AccessPath target, VariableKind kind, IOperation value, int position, Guard guard)
    {
        var unwrapped = AccessPath.Unwrap(value);
        if (unwrapped is IObjectCreationOperation or IArrayCreationOperation or IDefaultValueOperation || unwrapped.ConstantValue is { HasValue: true, Value: null })
        {
            return; // handled by OnObjectCreation / OnArrayCreation, or nothing assigned
        }

        var bases = new List<(object? Source, int Position)> { (SourceOf(unwrapped), position) };
        GetVariable(target, kind).Events.Add(Event.Creation(position, guard, kind, null, bases));
    }

    private Variable GetVariable(object key, VariableKind kind)
    {
        if (!_variables.TryGetValue(key, out var variable))
        {
            variable = new Variable(kind);
            _variables.Add(key, variable);
        }

        return variable;
    }

    private Variable? VariableForDictionary(IOperation dictionary)
    {
        // options.Producer["k"] = "v" (TypedProducerOptions.Producer).
        if (AccessPath.Unwrap(dictionary) is IPropertyReferenceOperation { Property.Name: "Producer", Instance: { } options } && _types.IsOptions(options.Type))
        {
            return SourceOf(options) is { } optionsKey ? GetVariable(optionsKey, VariableKind.Options) : null;
        }

        return SourceOf(dictionary) is { } key ? GetVariable(key, VariableKind.StringPairs) : null;
    }

    private void AddCollectionElement(Variable variable, IOperation initializer, Guard guard)
    {
        switch (initializer)
        {
            // ["k"] = "v"
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                AddString(variable, indexer.Arguments[0].Value, assignment.Value, assignment.Syntax.SpanStart, guard);
                break;

            // { "k", "v" } or { new KeyValuePair<string, string>("k", "v") }
            case IInvocationOperation { Arguments.Length: 2 } add:
                AddString(variable, Arg(add, 0), Arg(add, 1), add.Syntax.SpanStart, guard);
                break;
            case IInvocationOperation { Arguments.Length: 1 } add:
                AddPair(variable, AccessPath.Unwrap(Arg(add, 0)), guard);
                break;
        }
    }

    private void AddPair(Variable variable, IOperation pair, Guard guard)
    {
        switch (pair)
        {
            case IObjectCreationOperation creation when _types.IsStringPair(creation.Type) && creation.Arguments.Length == 2:
                AddString(variable, Arg(creation, 0), Arg(creation, 1), creation.Syntax.SpanStart, guard);
                break;
            case IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: 2 } create when _types.IsStringPair(create.Type):
                AddString(variable, Arg(create, 0), Arg(create, 1), create.Syntax.SpanStart, guard);
                break;
            default:
                variable.Events.Add(Event.Havoc(pair.Syntax.SpanStart, guard));
                break;
        }
    }

    private static void AddString(Variable variable, IOperation keyOperation, IOperation valueOperation, int order, Guard guard)
    {
        if (keyOperation.ConstantValue is not { HasValue: true, Value: string key })
        {
            // A key the code does not show: any key may have changed.
            variable.Events.Add(Event.Havoc(order, guard));
            return;
        }

        var value = AccessPath.Unwrap(valueOperation);
        bool known = value.ConstantValue.HasValue;
        string? text = known ? value.ConstantValue.Value as string : null;
        var entry = new ConfigEntry(key, text, known && text is not null, EntrySource.StringKey, order)
        {
            KeyLocation = keyOperation.Syntax.GetLocation(),
            ValueLocation = valueOperation.Syntax.GetLocation(),
            IsNull = known && value.ConstantValue.Value is null,
            IsLiteral = known,
            CultureSensitive = IsCultureSensitiveText(value),
        };
        variable.Events.Add(Event.Of(entry, guard));
    }

    private static void AddTyped(Variable variable, IPropertyReferenceOperation property, IOperation assigned, SyntaxNode syntax, Guard guard)
    {
        string? key = PropertyCatalog.KeyForCSharpProperty(property.Property.Name);
        if (key is null)
        {
            return;
        }

        var value = AccessPath.Unwrap(assigned);
        bool known = value.ConstantValue.HasValue;
        string? text = null;
        bool removes = false;
        if (known)
        {
            if (value.ConstantValue.Value is null)
            {
                removes = true;
            }
            else
            {
                text = TypedValueText(property.Property.Type, value);
                known = text is not null;
            }
        }

        var location = syntax.GetLocation();
        var entry = new ConfigEntry(key, text, known, EntrySource.TypedProperty, syntax.SpanStart)
        {
            KeyLocation = location,
            ValueLocation = location,
            CSharpProperty = property.Property.Name,
            RemovesKey = removes,
            IsLiteral = known,

            // Config.SetObject formats a double with the current culture (Config.cs: val.ToString()). A whole number reads
            // the same everywhere, so only a double that may hold a fraction is flagged: a fractional constant, or a
            // double-typed expression (not an integer converted to double, as in LingerMs = intLocal or (int?)x).
            CultureSensitive = !removes && MayHoldFraction(property.Property.Type, assigned),
        };
        variable.Events.Add(Event.Of(entry, guard));
    }

    /// <summary>True when a value assigned to a double-typed property can have a fractional part.</summary>
    private static bool MayHoldFraction(ITypeSymbol propertyType, IOperation assigned)
    {
        if (UnderlyingType(propertyType)?.SpecialType != SpecialType.System_Double)
        {
            return false;
        }

        var value = assigned;
        while (value is IConversionOperation or IParenthesizedOperation)
        {
            if (value is IConversionOperation conversion)
            {
                var operandType = UnderlyingType(conversion.Operand.Type);
                if (operandType is not null && IsIntegral(operandType.SpecialType))
                {
                    return false;
                }

                value = conversion.Operand;
            }
            else
            {
                value = ((IParenthesizedOperation)value).Operand;
            }
        }

        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value is double d && Math.Floor(d) != d;
        }

        var type = UnderlyingType(value.Type);
        return type is null || !IsIntegral(type.SpecialType);
    }

    private static bool IsIntegral(SpecialType type) => type is SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16
        or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;

    /// <summary>The text Confluent.Kafka writes for a typed property's constant value.</summary>
    private static string? TypedValueText(ITypeSymbol propertyType, IOperation value)
    {
        var type = UnderlyingType(propertyType);
        object? constant = value.ConstantValue.Value;
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            string? member = null;
            if (value is IFieldReferenceOperation field && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, enumType))
            {
                member = field.Field.Name;
            }
            else
            {
                foreach (var candidate in enumType.GetMembers())
                {
                    if (candidate is IFieldSymbol { HasConstantValue: true } f && Equals(f.ConstantValue, constant))
                    {
                        member = f.Name;
                        break;
                    }
                }
            }

            if (member is null)
            {
                // e.g. (Acks)2: Config.SetObject writes the number.
                return Convert.ToString(constant, CultureInfo.InvariantCulture);
            }

            return EnumValueText.For(enumType.Name, member);
        }

        return constant switch
        {
            bool b => b ? "true" : "false",
            double d => ValueText.Format(d),
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static ITypeSymbol? UnderlyingType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>
    /// True when the text comes from culture-sensitive formatting of a signed or fractional number:
    /// <c>x.ToString()</c>/<c>x.ToString("F1")</c> without a provider, or an interpolated string with such a hole.
    /// </summary>
    private static bool IsCultureSensitiveText(IOperation value)
    {
        switch (value)
        {
            case IInvocationOperation { TargetMethod.Name: "ToString" } toString when toString.Instance is not null:
                if (!IsCultureSensitiveNumber(toString.Instance.Type))
                {
                    return false;
                }

                foreach (var parameter in toString.TargetMethod.Parameters)
                {
                    if (parameter.Type.Name == "IFormatProvider")
                    {
                        return false;
                    }
                }

                return true;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && IsCultureSensitiveNumber(AccessPath.Unwrap(hole.Expression).Type))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsCultureSensitiveNumber(ITypeSymbol? type)
    {
        switch (type?.SpecialType)
        {
            case SpecialType.System_Double:
            case SpecialType.System_Single:
            case SpecialType.System_Decimal:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_SByte:
                return true;
            default:
                return false;
        }
    }

    private static IOperation Arg(IInvocationOperation invocation, int ordinal) => ArgOf(invocation.Arguments, ordinal, invocation);

    private static IOperation Arg(IObjectCreationOperation creation, int ordinal) => ArgOf(creation.Arguments, ordinal, creation);

    private static IOperation ArgOf(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, int ordinal, IOperation owner)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return ordinal < arguments.Length ? arguments[ordinal].Value : owner;
    }

    /// <summary>The local, field, property, parameter or member chain a creation is stored into, or null.</summary>
    private static AccessPath? TargetOf(IOperation creation)
    {
        var current = creation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return AccessPath.Of(declarator.Symbol);
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                return AccessPath.Of(assignment.Target);
            case IFieldInitializerOperation field when field.InitializedFields.Length == 1:
                return AccessPath.Of(field.InitializedFields[0]);
            case IPropertyInitializerOperation property when property.InitializedProperties.Length == 1:
                return AccessPath.Of(property.InitializedProperties[0]);
            default:
                return null;
        }
    }

    /// <summary>The key a value refers to: an access path for locals/fields/properties/parameters, the operation for inline creations.</summary>
    private static object? SourceOf(IOperation operation)
    {
        var unwrapped = AccessPath.Unwrap(operation);
        return unwrapped switch
        {
            IObjectCreationOperation or IArrayCreationOperation => unwrapped,
            _ => AccessPath.Of(unwrapped),
        };
    }

    /// <summary>The <c>new ProducerConfig</c> part of a creation (not its initializer), where configuration-wide findings go.</summary>
    private static Location CreationLocation(IOperation creation)
    {
        switch (creation.Syntax)
        {
            case ObjectCreationExpressionSyntax explicitNew:
                return Location.Create(explicitNew.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(explicitNew.NewKeyword.SpanStart, explicitNew.Type.Span.End));
            case ImplicitObjectCreationExpressionSyntax implicitNew:
                return Location.Create(implicitNew.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(implicitNew.NewKeyword.SpanStart, implicitNew.ArgumentList.Span.End));
            default:
                return creation.Syntax.GetLocation();
        }
    }

    private enum EventKind
    {
        Creation,
        Entry,
        Havoc,
    }

    /// <summary>One step of a configuration's history, at a source position, under a guard.</summary>
    private sealed class Event
    {
        private Event(EventKind kind, int position, Guard guard)
        {
            Kind = kind;
            Position = position;
            Guard = guard;
        }

        public EventKind Kind { get; }

        public int Position { get; }

        public Guard Guard { get; set; }

        public ConfigItem Item { get; private set; }

        public VariableKind VariableKind { get; private set; }

        public Location? Location { get; private set; }

        public List<(object? Source, int Position)> Bases { get; private set; } = new();

        /// <summary>For a creation: a key/value list or array, applied in written order (not a dictionary).</summary>
        public bool Sequential { get; set; }

        /// <summary>True when the new configuration copies something the code does not show.</summary>
        public bool UnknownBase => Bases.Exists(static b => b.Source is null);

        public static Event Creation(int position, Guard guard, VariableKind kind, Location? location, List<(object? Source, int Position)> bases) =>
            new(EventKind.Creation, position, guard) { VariableKind = kind, Location = location, Bases = bases };

        public static Event Of(ConfigEntry entry, Guard guard) => new(EventKind.Entry, entry.Order, guard) { Item = ConfigItem.Of(entry) };

        public static Event Havoc(int position, Guard guard) => new(EventKind.Havoc, position, guard) { Item = ConfigItem.UnknownChange(null) };
    }

    private sealed class Scenario
    {
        public Scenario(Event? creation, Event[] later)
        {
            Creation = creation;
            Later = later;
        }

        /// <summary>The creation this scenario starts from; null when the configuration was created elsewhere.</summary>
        public Event? Creation { get; }

        /// <summary>Conditional creations between it and the evaluation point, which must not have run.</summary>
        public Event[] Later { get; }
    }

    private sealed class Variable
    {
        private readonly VariableKind _kind;

        public Variable(VariableKind kind) => _kind = kind;

        public List<Event> Events { get; } = new();

        /// <summary>Where it reaches a producer (filled when the block is judged).</summary>
        public List<(int Position, Guard Guard)> Reaches { get; } = new();

        /// <summary>The kind of the configuration at a position: its latest creation's, else the kind it was first seen as.</summary>
        public VariableKind KindAt(int position)
        {
            var kind = _kind;
            foreach (var e in Events)
            {
                if (e.Kind == EventKind.Creation && e.Position < position)
                {
                    kind = e.VariableKind;
                }
            }

            return kind;
        }
    }
}
