using BackCare.Data.Accounts;
using BackCare.Web.Tests.Navigation;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Accounts;

/// <summary>The date of birth and phone a person gives their clinic on the account page: kept when right, explained when not.</summary>
public sealed class ContactDetailsPageTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private const string Form = "form[action*=Contact]";

    [Fact]
    public async Task Given_a_patient_When_they_give_a_date_of_birth_and_a_phone_Then_both_are_kept_and_the_page_shows_them_again()
    {
        using var browser = new Browser(factory);
        var email = Accounts.NewEmail();
        await browser.SignUp(email);
        await browser.Open("/account");

        await browser.Submit(new() { ["dobDay"] = "14", ["dobMonth"] = "3", ["dobYear"] = "1980", ["phone"] = " +1 (555) 010-0123 " }, Form);

        browser.Address.ShouldBe("/account");
        browser.Document.QuerySelector(".notice[role=status]")!.TextContent.ShouldContain(AccountText.English["contact_saved"]);
        browser.Document.QuerySelector(".error-summary").ShouldBeNull();
        (browser.Value("dateOfBirth-day"), browser.Value("dateOfBirth-month"), browser.Value("dateOfBirth-year"), browser.Value("phone"))
            .ShouldBe(("14", "3", "1980", "+1 (555) 010-0123"));
        var account = await InDbAsync(factory, db => db.Accounts.AsNoTracking().SingleAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email)));
        (account.DateOfBirth, account.Phone, account.PhoneDigits).ShouldBe((new DateOnly(1980, 3, 14), "+1 (555) 010-0123", "15550100123"));

        await browser.Submit(new() { ["dobDay"] = "", ["dobMonth"] = "", ["dobYear"] = "", ["phone"] = "" }, Form);
        account = await InDbAsync(factory, db => db.Accounts.AsNoTracking().SingleAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email)));
        (account.DateOfBirth, account.Phone).ShouldBe((null, null), "both are optional, and can be taken back");
    }

    [Theory]
    [InlineData("31", "2", "1980", "555 0100 123", "date_of_birth_not_a_date", null)]
    [InlineData("14", "", "1980", "555 0100 123", "date_of_birth_incomplete", null)]
    [InlineData("1", "1", "2999", "555 0100 123", "date_of_birth_not_past", null)]
    [InlineData("14", "3", "1980", "call me on 555", null, "phone_characters")]
    [InlineData("14", "3", "1980", "+1 555", null, "phone_digit_count")]
    [InlineData("30", "2", "1980", "555.0100", "date_of_birth_not_a_date", "phone_characters")]
    public async Task Given_a_patient_When_they_give_an_impossible_date_of_birth_or_phone_Then_the_page_says_what_is_wrong_the_sites_way_keeps_what_they_typed_and_stores_nothing(
        string day, string month, string year, string phone, string? dateProblem, string? phoneProblem)
    {
        using var browser = new Browser(factory);
        var email = Accounts.NewEmail();
        await browser.SignUp(email);
        await browser.Open("/account");

        await browser.Submit(new() { ["dobDay"] = day, ["dobMonth"] = month, ["dobYear"] = year, ["phone"] = phone }, Form);

        var summary = browser.Document.QuerySelector(".error-summary")!;
        if (dateProblem is not null)
        {
            browser.Document.ShouldShowTheProblemTheSitesWay("dateOfBirth", "dateOfBirth-day");
            summary.TextContent.ShouldContain(AccountText.English[dateProblem].Split('{')[0]);
        }

        if (phoneProblem is not null)
        {
            browser.Document.ShouldShowTheProblemTheSitesWay("phone", "phone");
            summary.TextContent.ShouldContain(AccountText.English[phoneProblem].Split('{')[0]);
        }

        summary.QuerySelectorAll("li").Length.ShouldBe((dateProblem is null ? 0 : 1) + (phoneProblem is null ? 0 : 1));
        (browser.Value("dateOfBirth-day"), browser.Value("dateOfBirth-month"), browser.Value("dateOfBirth-year"), browser.Value("phone"))
            .ShouldBe((day, month, year, phone), "nothing typed is lost");
        var account = await InDbAsync(factory, db => db.Accounts.AsNoTracking().SingleAsync(a => a.NormalizedEmail == Account.NormalizeEmail(email)));
        (account.DateOfBirth, account.Phone).ShouldBe((null, null));
    }
}

internal static class FormValues
{
    public static string Value(this Browser browser, string id) => browser.Document.GetElementById(id)?.GetAttribute("value") ?? "";
}
