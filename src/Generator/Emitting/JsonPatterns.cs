namespace TypedProducer.Generator.Emitting;

/// <summary>Regular expressions (ECMA 262, as JSON Schema draft-07 "pattern" uses them) for strings System.Text.Json writes.</summary>
internal static class JsonPatterns
{
    /// <summary>Guid, format "D": 8-4-4-4-12 hexadecimal digits.</summary>
    public const string Uuid = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /// <summary>An integer written as a string (JsonNumberHandling.WriteAsString).</summary>
    public const string Integer = "^-?(0|[1-9][0-9]*)$";

    /// <summary>A number written as a string (JsonNumberHandling.WriteAsString): a JSON number's syntax.</summary>
    public const string Number = "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$";

    /// <summary>A number written as a string, or NaN/Infinity/-Infinity (AllowNamedFloatingPointLiterals).</summary>
    public const string NumberOrNamedLiteral = "^(-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|-?Infinity)$";

    /// <summary>DateTime: ISO 8601 extended format with up to 7 fractional digits and, for Utc or Local kinds, an offset.</summary>
    public const string DateTime = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})?$";

    /// <summary>TimeOnly: HH:mm:ss with up to 7 fractional digits.</summary>
    public const string Time = "^[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?$";

    /// <summary>TimeSpan, format "c": [-][d.]hh:mm:ss[.fffffff].</summary>
    public const string Duration = "^-?([0-9]+\\.)?[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?$";
}
