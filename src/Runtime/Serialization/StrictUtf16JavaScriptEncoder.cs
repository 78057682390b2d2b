using System;
using System.Buffers;
using System.Text.Encodings.Web;

namespace TypedProducer.Serialization;

/// <summary>
/// A <see cref="JavaScriptEncoder"/> that refuses text with an unpaired UTF-16 surrogate and otherwise defers to the
/// encoder it wraps. System.Text.Json (since .NET 5) silently writes an unpaired surrogate as U+FFFD, which would
/// change the value without a word; JSON text must be Unicode (RFC 8259 section 8.1), and the Avro path refuses such
/// strings too. <see cref="ConfluentJsonSerializer"/> writes a value again with it when the first output holds U+FFFD,
/// to tell a replaced surrogate from a U+FFFD in the data: every string value and property name is then checked.
/// </summary>
internal sealed class StrictUtf16JavaScriptEncoder : JavaScriptEncoder
{
    private readonly JavaScriptEncoder _inner;

    public StrictUtf16JavaScriptEncoder(JavaScriptEncoder inner) => _inner = inner;

    public override int MaxOutputCharactersPerInputCharacter => _inner.MaxOutputCharactersPerInputCharacter;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        if (FindUnpairedSurrogate(span) is int index and >= 0)
        {
            throw new InvalidUtf16Exception(index, span[index]);
        }

        return _inner.FindFirstCharacterToEncode(text, textLength);
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text) => _inner.FindFirstCharacterToEncodeUtf8(utf8Text);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        _inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    public override bool WillEncode(int unicodeScalar) => _inner.WillEncode(unicodeScalar);

    // The span-based escaping System.Text.Json calls once FindFirstCharacterToEncode found something to escape: the
    // inner encoder's optimised code rather than TextEncoder's general (allocating) fallback. Its input was checked.
    public override OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true) =>
        _inner.Encode(source, destination, out charsConsumed, out charsWritten, isFinalBlock);

    public override OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true) =>
        _inner.EncodeUtf8(utf8Source, utf8Destination, out bytesConsumed, out bytesWritten, isFinalBlock);

    /// <summary>The index of the first surrogate that is not half of a high-low pair, or -1.</summary>
    internal static int FindUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        int offset = 0;
        while (true)
        {
            int found = text.Slice(offset).IndexOfAnyInRange('\uD800', '\uDFFF');
            if (found < 0)
            {
                return -1;
            }

            int index = offset + found;
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                offset = index + 2;
                continue;
            }

            return index;
        }
    }

    /// <summary>Thrown out of System.Text.Json's writer; <see cref="ConfluentJsonSerializer"/> turns it into a <see cref="MessageSerializationException"/>.</summary>
    internal sealed class InvalidUtf16Exception(int index, char surrogate)
        : Exception($"the string has an unpaired UTF-16 surrogate U+{(int)surrogate:X4} at index {index}; JSON text must be valid Unicode, and System.Text.Json would write it as U+FFFD")
    {
    }
}
