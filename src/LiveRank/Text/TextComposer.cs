using System.Buffers;

namespace LiveRank.Text;

/// <summary>
/// Builds the texts the language model reads, normalising as it goes: every run of white space becomes one space,
/// none at either end; template punctuation (<c>. , ; : ! ?</c>) takes no space before it, and a template period
/// after a sentence end (<c>. ! ? …</c>) is not written again ("Heat." + "." stays "Heat."). Values are written as
/// they are apart from white space, so "Hello ... world" in a description is left alone.
/// </summary>
/// <remarks>
/// Starts on a caller's buffer (usually stack memory); a growable composer moves to pooled arrays when it fills,
/// a fixed one records the overflow and stops writing. <see cref="Dispose"/> returns the pooled array.
/// </remarks>
internal ref struct TextComposer
{
    private Span<char> _chars;
    private char[]? _rented;
    private int _length;
    private bool _pendingSpace;
    private readonly bool _growable;

    public TextComposer(Span<char> initial, bool growable)
    {
        _chars = initial;
        _growable = growable;
    }

    public readonly int Length => _length;

    /// <summary>True when a fixed composer ran out of room; what it holds is then incomplete.</summary>
    public bool Overflowed { get; private set; }

    public readonly ReadOnlySpan<char> Written => _chars[.._length];

    public readonly char LastChar => _length == 0 ? '\0' : _chars[_length - 1];

    /// <summary>Template text: white space collapses, punctuation sticks to the word before it.</summary>
    public void AppendLiteral(scoped ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                _pendingSpace = true;
                continue;
            }
            if (IsPunctuation(c))
            {
                _pendingSpace = false;
                if (c == '.' && IsSentenceEnd(LastChar)) continue;
                if (_length == 0) continue; // a text never starts with template punctuation
            }
            Put(c);
        }
    }

    /// <summary>Field values: white space collapses; everything else is written as it is.</summary>
    public void AppendValue(scoped ReadOnlySpan<char> text)
    {
        // Words are copied whole: values are most of the text, and a per-character loop cost about 5 ns a character.
        while (!text.IsEmpty)
        {
            int space = text.IndexOfAny(WhiteSpace);
            if (space != 0) PutWord(space < 0 ? text : text[..space]);
            if (space < 0) return;
            _pendingSpace = true;
            text = text[(space + 1)..];
        }
    }

    /// <summary>Starts a new word: a space is written before the next character unless punctuation follows.</summary>
    public void Space() => _pendingSpace = true;

    /// <summary>Formats an invariant-culture number with <paramref name="format"/>.</summary>
    public void AppendNumber(double value, ReadOnlySpan<char> format)
    {
        Span<char> digits = stackalloc char[64];
        if (!value.TryFormat(digits, out int written, format, System.Globalization.CultureInfo.InvariantCulture))
        {
            // Only reachable for values beyond 10^60 with format "0"; the round-trip form always fits.
            value.TryFormat(digits, out written, "R", System.Globalization.CultureInfo.InvariantCulture);
        }
        AppendValue(digits[..written]);
    }

    public void AppendInteger(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        AppendValue(digits[..written]);
    }

    /// <summary>Drops everything after <paramref name="length"/> (a length read earlier from <see cref="Length"/>).</summary>
    public void Truncate(int length)
    {
        _length = Math.Min(length, _length);
        _pendingSpace = false;
    }

    public override readonly string ToString() => new(_chars[.._length]);

    public void Dispose()
    {
        if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
        _rented = null;
    }

    private void Put(char c)
    {
        if (_pendingSpace)
        {
            _pendingSpace = false;
            if (_length > 0) Put(' ');
        }
        if (_length == _chars.Length && !Grow()) return;
        _chars[_length++] = c;
    }

    private void PutWord(scoped ReadOnlySpan<char> word)
    {
        if (_pendingSpace)
        {
            _pendingSpace = false;
            if (_length > 0) Put(' ');
        }
        if (_length + word.Length > _chars.Length && !Grow(word.Length)) return;
        word.CopyTo(_chars[_length..]);
        _length += word.Length;
    }

    private bool Grow(int more = 1)
    {
        if (!_growable)
        {
            Overflowed = true;
            return false;
        }
        char[] bigger = ArrayPool<char>.Shared.Rent(Math.Max(Math.Max(256, _chars.Length * 2), _length + more));
        _chars[.._length].CopyTo(bigger);
        if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
        _rented = bigger;
        _chars = bigger;
        return true;
    }

    /// <summary>Every character <see cref="char.IsWhiteSpace(char)"/> holds true for.</summary>
    internal static readonly SearchValues<char> WhiteSpace = SearchValues.Create(
        "\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    private static bool IsPunctuation(char c) => c is '.' or ',' or ';' or ':' or '!' or '?';

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or '…';
}
