using System.Globalization;
using BackCare.Data.Accounts;
using BackCare.Web.Text;

namespace BackCare.Web.Accounts;

/// <summary>
/// The account page's contact details (a date of birth as day, month and year, and a phone number), checked against
/// <see cref="ContactDetails"/> with a problem in words for each field. Blank fields mean "not given".
/// </summary>
internal static class ContactForm
{
    public const string DateOfBirthField = "dateOfBirth";

    public const string PhoneField = "phone";

    /// <summary>The input the summary links to for a problem with the date: its first, the day.</summary>
    public static string DayInput => DateOfBirthField + "-day";

    /// <summary>The date of birth and phone to keep, when <paramref name="errors"/> is still empty after the check.</summary>
    public static (DateOnly? DateOfBirth, string? Phone) Check(
        string? day, string? month, string? year, string? phone, DateOnly today, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = AccountText.English;
        DateOnly? dateOfBirth = null;
        var given = new[] { day, month, year }.Count(part => !string.IsNullOrWhiteSpace(part));
        if (given is > 0 and < 3)
        {
            errors.Add(DateOfBirthField, text["date_of_birth_incomplete"], DayInput);
        }
        else if (given == 3)
        {
            dateOfBirth = ContactDetails.DateOf(day, month, year);
            var problem = dateOfBirth is { } date ? ContactDetails.DateOfBirthProblemOf(date, today) : null;
            var message = dateOfBirth is null ? text["date_of_birth_not_a_date"]
                : problem == DateOfBirthProblem.NotInThePast ? text["date_of_birth_not_past"]
                : problem == DateOfBirthProblem.TooLongAgo
                    ? text.Format("date_of_birth_too_long_ago", ContactDetails.Oldest(today).ToString("d MMMM yyyy", CultureInfo.InvariantCulture))
                : null;
            if (message is not null)
            {
                errors.Add(DateOfBirthField, message, DayInput);
            }
        }

        var phoneProblem = string.IsNullOrWhiteSpace(phone) ? null : ContactDetails.PhoneProblemOf(phone);
        if (phoneProblem is { } found)
        {
            errors.Add(PhoneField, found == PhoneProblem.Characters
                ? text["phone_characters"]
                : text.Format("phone_digit_count", ContactDetails.MinPhoneDigits, ContactDetails.MaxPhoneDigits));
        }

        return (dateOfBirth, string.IsNullOrWhiteSpace(phone) ? null : phone.Trim());
    }
}
