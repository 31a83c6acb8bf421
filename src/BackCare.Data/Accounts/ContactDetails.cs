using System.Globalization;

namespace BackCare.Data.Accounts;

/// <summary>
/// What a clinic may be given to reach and tell apart its patients (a date of birth, a phone number), and the rules each
/// must meet. The account page checks them to say what is wrong; <see cref="Account.SetContactDetails"/> refuses anything
/// that breaks them.
/// </summary>
public static class ContactDetails
{
    /// <summary>E.164 allows at most 15 digits, country code included.</summary>
    public const int MaxPhoneDigits = 15;

    /// <summary>The shortest local numbers (without the area code) have 7 digits.</summary>
    public const int MinPhoneDigits = 7;

    public const int MaxPhoneLength = 30;

    /// <summary>A date of birth more years ago than this is taken as a typing mistake.</summary>
    public const int MaxAgeYears = 130;

    public static PhoneProblem? PhoneProblemOf(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var text = phone.Trim();
        if (text.Length > MaxPhoneLength
            || text.Any(c => !IsPhoneCharacter(c))
            || text.LastIndexOf('+') > 0)
        {
            return PhoneProblem.Characters;
        }

        var digits = Digits(text).Length;
        return digits is < MinPhoneDigits or > MaxPhoneDigits ? PhoneProblem.DigitCount : null;
    }

    /// <summary>Digits, spaces, a leading +, - and brackets: what people write in a phone number.</summary>
    public static bool IsPhoneCharacter(char c) => c is (>= '0' and <= '9') or ' ' or '+' or '-' or '(' or ')';

    /// <summary>Only the digits, as a search for a number compares them.</summary>
    public static string Digits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Concat(text.Where(char.IsAsciiDigit));
    }

    public static DateOfBirthProblem? DateOfBirthProblemOf(DateOnly dateOfBirth, DateOnly today) =>
        dateOfBirth >= today ? DateOfBirthProblem.NotInThePast
        : dateOfBirth < Oldest(today) ? DateOfBirthProblem.TooLongAgo
        : null;

    /// <summary>The earliest date of birth taken as real on <paramref name="today"/>.</summary>
    public static DateOnly Oldest(DateOnly today) => today.AddYears(-MaxAgeYears);

    /// <summary>A date from its day, month and year as typed; null unless the three make a real date of the calendar.</summary>
    public static DateOnly? DateOf(string? day, string? month, string? year)
    {
        static int? Number(string? text) =>
            int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

        return (Number(day), Number(month), Number(year)) is ({ } d, { } m, { } y)
            && y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
                ? new DateOnly(y, m, d)
                : null;
    }
}

public enum PhoneProblem
{
    /// <summary>Something other than digits, spaces, a leading +, - and brackets, or too long.</summary>
    Characters,

    /// <summary>Fewer than <see cref="ContactDetails.MinPhoneDigits"/> or more than <see cref="ContactDetails.MaxPhoneDigits"/> digits.</summary>
    DigitCount,
}

public enum DateOfBirthProblem
{
    NotInThePast,

    TooLongAgo,
}
