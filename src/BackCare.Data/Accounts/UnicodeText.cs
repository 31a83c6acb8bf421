using ICU4N.Text;

namespace BackCare.Data.Accounts;

/// <summary>
/// Unicode normalisation for what people type to identify themselves. The apps run with InvariantGlobalization, under
/// which <see cref="string.Normalize()"/> leaves every non-ASCII character as it is, so NFKC comes from ICU4N's tables.
/// </summary>
public static class UnicodeText
{
    /// <summary>NFKC: composed letters, and compatibility forms (full-width letters, ligatures, the Kelvin sign) made ordinary.</summary>
    public static string Nfkc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Ascii(text) ? text : Normalizer2.NFKCInstance.Normalize(text);
    }

    private static bool Ascii(string text) => !text.Any(c => c > '\u007f');
}
