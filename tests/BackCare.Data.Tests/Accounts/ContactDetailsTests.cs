using BackCare.Data.Accounts;
using BackCare.Data.Clinics;

namespace BackCare.Data.Tests.Accounts;

/// <summary>The rules of a date of birth and a phone number, and how a clinic's search reads a phone or a date.</summary>
public sealed class ContactDetailsTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("+1 (555) 010-0123", null)]
    [InlineData("020 7946 0958", null)]
    [InlineData("5550100", null)]
    [InlineData("555-0100 ext 2", PhoneProblem.Characters)]
    [InlineData("555.010.0123", PhoneProblem.Characters)]
    [InlineData("1 +555 0100123", PhoneProblem.Characters)]
    [InlineData("555 010", PhoneProblem.DigitCount)]
    [InlineData("1234567890123456", PhoneProblem.DigitCount)]
    [InlineData("(((((((((((( 5550100 ))))))))))))", PhoneProblem.Characters)]
    public void Given_a_phone_as_typed_When_checked_Then_only_digits_spaces_a_leading_plus_dashes_and_brackets_with_7_to_15_digits_pass(string phone, PhoneProblem? expected) =>
        ContactDetails.PhoneProblemOf(phone).ShouldBe(expected);

    [Theory]
    [InlineData("14", "3", "1980", "1980-03-14")]
    [InlineData(" 29 ", "02", "2024", "2024-02-29")]
    [InlineData("29", "2", "2023", null)]
    [InlineData("31", "4", "1980", null)]
    [InlineData("14", "13", "1980", null)]
    [InlineData("fourteen", "3", "1980", null)]
    [InlineData("-1", "3", "1980", null)]
    public void Given_a_day_month_and_year_as_typed_When_read_Then_only_a_real_calendar_date_comes_back(string day, string month, string year, string? expected) =>
        ContactDetails.DateOf(day, month, year).ShouldBe(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("2026-11-22", null)]
    [InlineData("2026-11-23", DateOfBirthProblem.NotInThePast)]
    [InlineData("2030-01-01", DateOfBirthProblem.NotInThePast)]
    [InlineData("1896-11-23", null)]
    [InlineData("1896-11-22", DateOfBirthProblem.TooLongAgo)]
    public void Given_a_date_of_birth_When_checked_on_a_day_Then_it_must_be_in_the_past_and_within_130_years(string date, DateOfBirthProblem? expected) =>
        ContactDetails.DateOfBirthProblemOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today).ShouldBe(expected);

    [Fact]
    public void Given_an_account_When_given_an_impossible_date_of_birth_or_phone_Then_it_refuses_and_keeps_what_it_had()
    {
        var account = new Account("sam@example.org", "Sam", AccountRole.Patient);
        account.SetContactDetails(new DateOnly(1980, 3, 14), " +1 (555) 010-0123 ", Today);

        Should.Throw<ArgumentException>(() => account.SetContactDetails(Today, null, Today));
        Should.Throw<ArgumentException>(() => account.SetContactDetails(null, "call me", Today));

        (account.DateOfBirth, account.Phone, account.PhoneDigits).ShouldBe((new DateOnly(1980, 3, 14), "+1 (555) 010-0123", "15550100123"));
        account.SetContactDetails(null, "  ", Today);
        (account.DateOfBirth, account.Phone, account.PhoneDigits).ShouldBe((null, null, null));
    }

    [Theory]
    [InlineData("1980-03-14", "1980-03-14")]
    [InlineData("14/03/1980", "1980-03-14")]
    [InlineData("03/14/1980", "1980-03-14")]
    [InlineData("5/5/1980", "1980-05-05")]
    [InlineData("05/06/1980", null)]
    [InlineData("30/02/1980", null)]
    [InlineData("1980", null)]
    [InlineData("Ann", null)]
    public void Given_a_search_When_read_as_a_date_Then_a_date_that_day_and_month_cannot_mix_up_is_found(string search, string? expected) =>
        new WorklistFilter(Search: search).SearchDate.ShouldBe(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("+1 (555) 010-0123", "15550100123")]
    [InlineData("7946", "7946")]
    [InlineData("1980-03-14", "19800314")]
    [InlineData("14/03/1980", null)]
    [InlineData("Room 5", null)]
    [InlineData("( )", null)]
    public void Given_a_search_When_read_as_a_phone_Then_its_digits_are_compared_only_when_it_could_be_part_of_a_number(string search, string? expected) =>
        new WorklistFilter(Search: search).SearchDigits.ShouldBe(expected);
}
