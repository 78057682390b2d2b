using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>
/// The branches an operation runs under, outermost first: for each, the branching operation (an <c>if</c>, a
/// <c>switch</c>, a loop, a <c>catch</c>, a lambda, <c>?:</c>, <c>??</c>, <c>?.</c>, <c>&amp;&amp;</c>/<c>||</c>), which arm
/// the operation is in and how many arms there are (a loop body and a lambda body are arm 0 of two: run, or not).
/// </summary>
internal sealed class Guard
{
    public static readonly Guard None = new(new GuardStep[0]);

    private Guard(GuardStep[] steps) => Steps = steps;

    public GuardStep[] Steps { get; }

    /// <summary>The guard of <paramref name="operation"/> inside its operation block.</summary>
    public static Guard Of(IOperation operation)
    {
        List<GuardStep>? steps = null;
        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            GuardStep? step = StepOf(parent, child);
            if (step is { } found)
            {
                (steps ??= new List<GuardStep>()).Add(found);
            }
        }

        if (steps is null)
        {
            return None;
        }

        steps.Reverse();
        return new Guard(steps.ToArray());
    }

    /// <summary>This guard without its first <paramref name="count"/> steps.</summary>
    public Guard WithoutPrefix(int count)
    {
        if (count >= Steps.Length)
        {
            return None;
        }

        var rest = new GuardStep[Steps.Length - count];
        System.Array.Copy(Steps, count, rest, 0, rest.Length);
        return new Guard(rest);
    }

    /// <summary>True when every path through this guard also satisfies <paramref name="other"/> (its steps are a subset of ours).</summary>
    public bool Implies(Guard other)
    {
        foreach (var step in other.Steps)
        {
            if (System.Array.IndexOf(Steps, step) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the operation runs in <paramref name="world"/> (an arm chosen for every branch).</summary>
    public bool IsActive(Dictionary<IOperation, int> world)
    {
        foreach (var step in Steps)
        {
            if (world.TryGetValue(step.Branch, out int arm) && arm != step.Arm)
            {
                return false;
            }
        }

        return true;
    }

    private static GuardStep? StepOf(IOperation parent, IOperation child)
    {
        switch (parent)
        {
            case IConditionalOperation conditional:
                if (child == conditional.WhenTrue)
                {
                    return new GuardStep(parent, 0, 2);
                }

                return child == conditional.WhenFalse ? new GuardStep(parent, 1, 2) : null;
            case ISwitchCaseOperation switchCase when switchCase.Parent is ISwitchOperation switchOperation:
                int index = switchOperation.Cases.IndexOf(switchCase);
                bool hasDefault = false;
                foreach (var candidate in switchOperation.Cases)
                {
                    foreach (var clause in candidate.Clauses)
                    {
                        hasDefault |= clause.CaseKind == CaseKind.Default;
                    }
                }

                return new GuardStep(switchOperation, index, switchOperation.Cases.Length + (hasDefault ? 0 : 1));
            case ISwitchExpressionArmOperation arm when arm.Parent is ISwitchExpressionOperation switchExpression && child == arm.Value:
                return new GuardStep(switchExpression, switchExpression.Arms.IndexOf(arm), switchExpression.Arms.Length);
            case IWhileLoopOperation loop when child == loop.Body:
            case IForLoopOperation forLoop when child == forLoop.Body || forLoop.AtLoopBottom.Contains(child):
            case IForEachLoopOperation forEach when child == forEach.Body:
            case IForToLoopOperation forTo when child == forTo.Body:
                return new GuardStep(parent, 0, 2);
            case ICatchClauseOperation:
            case IAnonymousFunctionOperation:
            case ILocalFunctionOperation:
                return new GuardStep(parent, 0, 2);
            case ICoalesceOperation coalesce when child == coalesce.WhenNull:
            case ICoalesceAssignmentOperation coalesceAssignment when child == coalesceAssignment.Value:
            case IConditionalAccessOperation access when child == access.WhenNotNull:
                return new GuardStep(parent, 0, 2);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary when child == binary.RightOperand:
                return new GuardStep(parent, 0, 2);
            default:
                return null;
        }
    }
}

/// <summary>One branch of a <see cref="Guard"/>.</summary>
internal readonly struct GuardStep : System.IEquatable<GuardStep>
{
    public GuardStep(IOperation branch, int arm, int arms)
    {
        Branch = branch;
        Arm = arm;
        Arms = arms;
    }

    public IOperation Branch { get; }

    public int Arm { get; }

    public int Arms { get; }

    public bool Equals(GuardStep other) => ReferenceEquals(Branch, other.Branch) && Arm == other.Arm;

    public override bool Equals(object? obj) => obj is GuardStep other && Equals(other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Branch) * 31 + Arm;
}
