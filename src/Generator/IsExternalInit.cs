namespace System.Runtime.CompilerServices;

// netstandard2.0 lacks this marker type, which C# records need; the compiler only looks for its name.
internal static class IsExternalInit
{
}
