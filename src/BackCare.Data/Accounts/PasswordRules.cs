using System.Collections.Frozen;
using System.Text;

namespace BackCare.Data.Accounts;

/// <summary>
/// What a new password must be: 12 to 128 characters (Unicode code points, after NFKC; the minimum counted without
/// spaces at either end), not the account's email, and not one of the 10,000 most common passwords
/// (<c>common-passwords.txt</c>), nor one of them with only digits or symbols added at the end. No rules about
/// character classes: length and rarity are what make a password hard to guess (NIST SP 800-63B §3.1.1.2).
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    /// <summary>The form a password is hashed and checked in, so that the same characters typed on another keyboard match.</summary>
    public static string Normalize(string password) => UnicodeText.Nfkc(password);

    /// <summary>The first rule <paramref name="password"/> breaks for an account with <paramref name="email"/>, or null.</summary>
    public static RegistrationError? Problem(string? password, string? email)
    {
        if (string.IsNullOrWhiteSpace(password))
        {
            return RegistrationError.PasswordTooShort;
        }

        // Counted before normalising too, so that a huge input is refused before any work is done on it.
        if (password.Length > 4 * MaximumLength || CodePoints(password) > MaximumLength)
        {
            return RegistrationError.PasswordTooLong;
        }

        var normalized = Normalize(password);
        if (CodePoints(normalized) > MaximumLength)
        {
            return RegistrationError.PasswordTooLong;
        }

        var trimmed = normalized.Trim();
        if (CodePoints(trimmed) < MinimumLength)
        {
            return RegistrationError.PasswordTooShort;
        }

        if (email is not null && string.Equals(trimmed, Normalize(email.Trim()), StringComparison.OrdinalIgnoreCase))
        {
            return RegistrationError.PasswordSameAsEmail;
        }

        return IsCommon(trimmed) ? RegistrationError.PasswordTooCommon : null;
    }

    /// <summary>A listed password, in any case, with or without spaces, or one followed only by digits or symbols.</summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var folded = string.Concat(password.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        var stem = folded.TrimEnd(NotALetter);
        return Common.Value.Contains(folded) || (stem.Length > 0 && Common.Value.Contains(stem));
    }

    private static readonly char[] NotALetter = [.. Enumerable.Range(0x21, 0x5E).Select(c => (char)c).Where(c => !char.IsLetter(c))];

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    private static FrozenSet<string> LoadCommon()
    {
        const string resource = "BackCare.Data.Accounts.common-passwords.txt";
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The list {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var passwords = new List<string>(10_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
