using System.Net;
using AngleSharp.Html.Dom;
using BackCare.Data.Accounts;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Booking;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinics;

/// <summary>
/// A network's clinics on the result page, nearest first from a ZIP typed into a plain GET form (decision 0026):
/// straight-line distances to each clinic's own coordinates from the shipped table, clinics without coordinates last,
/// and clear errors that keep the list working. This class's host is a network (the demo clinic and four more).
/// </summary>
public sealed class ClinicDistanceTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    /// <summary>Near the centre of ZIP 10001 (Manhattan): 0.6 miles from it.</summary>
    private const string Near = "Zeta Near Clinic";

    /// <summary>40.0, -74.0: 52 miles from ZIP 10001.</summary>
    private const string Middle = "Alpha Middle Clinic";

    /// <summary>Los Angeles: 2,446 miles from ZIP 10001.</summary>
    private const string Far = "Mu Far Clinic";

    /// <summary>A clinic that gave no location.</summary>
    private const string Unplaced = "Beta Unplaced Clinic";

    private static readonly SemaphoreSlim Setup = new(1, 1);

    [Fact]
    public async Task Given_three_clinics_at_known_places_When_a_ZIP_is_entered_on_the_result_page_Then_the_nearest_come_first_with_their_miles_and_the_unplaced_last()
    {
        using var person = await ResultPageAsync();
        Names(person)[0].ShouldContain("(demo)", customMessage: "before a ZIP, the soonest free time is first");
        person.Document.QuerySelector("label[for=near]")!.TextContent.ShouldContain(BookingText.English["clinics_near_label"], customMessage: "without a UK table, the field asks for a ZIP only");

        await SubmitNearAsync(person, "10001");

        person.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        person.Address.ShouldContain("near=10001");
        var names = Names(person);
        names.Take(3).ShouldBe([Near, Middle, Far]);
        names.Skip(3).ShouldBe([names.Single(n => n.Contains("(demo)", StringComparison.Ordinal)), Unplaced], "clinics without a location come last, soonest first");
        Distances(person).Take(3).ShouldBe([
            "0.6 miles from ZIP code 10001, in a straight line",
            "52 miles from ZIP code 10001, in a straight line",
            "2,446 miles from ZIP code 10001, in a straight line",
        ]);
        Distances(person).Skip(3).ShouldAllBe(d => d == BookingText.English["clinics_distance_unknown"]);
        person.Document.QuerySelector("ul.clinic-choices")!.GetAttribute("aria-label").ShouldBe(BookingText.English["clinics_list_label_near"]);
        person.Document.QuerySelector(".error-summary").ShouldBeNull();

        var show = person.Document.QuerySelectorAll(".clinic-choice a").First(a => a.TextContent.Contains(Far, StringComparison.Ordinal));
        await person.Open(show.GetAttribute("href")!);
        Names(person).Take(3).ShouldBe([Near, Middle, Far], "showing one clinic's times keeps the list nearest first");
        BookingPages.Offer(person)!.TextContent.ShouldContain(Far);

        await person.FollowLink(BookingText.English["clinics_near_soonest"]);
        person.Address.ShouldNotContain("near=");
        Names(person)[0].ShouldContain("(demo)");
    }

    [Theory]
    [InlineData("00000", "We do not know the ZIP code 00000. Check it, or try the ZIP code of a place near you.")]
    [InlineData("SW1A 1AA", "clinics_near_uk_not_known")]
    [InlineData("sw1a", "clinics_near_uk_not_known")]
    [InlineData("1000", "clinics_near_malformed")]
    [InlineData("10001-12", "clinics_near_malformed")]
    [InlineData("   ", "clinics_near_empty")]
    public async Task Given_a_ZIP_that_is_unknown_malformed_or_empty_When_entered_Then_the_error_shows_in_the_summary_and_beside_the_field_and_the_list_keeps_working(string typed, string expected)
    {
        using var person = await ResultPageAsync();
        var message = expected.StartsWith("clinics_", StringComparison.Ordinal) ? BookingText.English[expected] : expected;

        await SubmitNearAsync(person, typed);

        person.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        person.Document.Title.ShouldStartWith(PageText.English["error_prefix"]);
        var summary = person.Document.QuerySelector(".error-summary[role=alert]")!;
        summary.ShouldNotBeNull();
        summary.QuerySelector("a[href='#near']")!.TextContent.ShouldBe(message);
        person.Document.QuerySelector("#near-error")!.TextContent.ShouldContain(message);
        var field = (IHtmlInputElement)person.Document.QuerySelector("#near")!;
        field.GetAttribute("aria-invalid").ShouldBe("true");
        field.GetAttribute("aria-describedby")!.ShouldContain("near-error");
        field.Value.Trim().ShouldBe(typed.Trim(), "what was typed is shown back");
        Names(person).Count.ShouldBe(5, "the list is still there");
        Names(person)[0].ShouldContain("(demo)", customMessage: "soonest first, as without a ZIP");
        Distances(person).ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_ZIP_entered_When_the_list_is_sorted_Then_the_ZIP_is_neither_logged_nor_stored()
    {
        using var person = await ResultPageAsync();

        await SubmitNearAsync(person, "99501");

        Names(person).ShouldNotBeEmpty();
        factory.Logs.Entries.ShouldNotContain(e => e.Message.Contains("99501", StringComparison.Ordinal));
        (await InDbAsync(factory, db => db.AuditEvents.AsNoTracking().CountAsync(e => e.ResourceId != null && e.ResourceId.Contains("99501")))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_network_When_a_person_signs_up_on_the_page_or_the_API_without_choosing_Then_they_are_no_clinics_patient()
    {
        await NetworkAsync();
        var pageEmail = Accounts.Accounts.NewEmail();
        using var person = new Browser(factory);
        await person.Open("/account/sign-up");
        await person.Submit(new() { ["displayName"] = "Nia Network", ["email"] = pageEmail, ["password"] = Accounts.Accounts.Password });
        person.Text.ShouldContain("Check your email");
        var apiEmail = Accounts.Accounts.NewEmail();
        using var client = factory.CreateClient();
        using (var registered = await Accounts.Accounts.Register(client, apiEmail))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        foreach (var email in new[] { pageEmail, apiEmail })
        {
            var id = await InDbAsync(factory, db => db.Accounts.AsNoTracking().Where(a => a.NormalizedEmail == Account.NormalizeEmail(email)).Select(a => a.Id).SingleAsync());
            (await InDbAsync(factory, db => db.ClinicPatients.CountAsync(p => p.PatientId == id))).ShouldBe(0, "in a network a person chooses their clinic");
            (await InDbAsync(factory, db => db.AuditEvents.CountAsync(e => e.SubjectId == id && e.ResourceType == nameof(ClinicPatient)))).ShouldBe(0);
        }
    }

    /// <summary>An anonymous person on the result page of a routine check, where a network's clinics are listed.</summary>
    private async Task<Browser> ResultPageAsync()
    {
        await NetworkAsync();
        var person = new Browser(factory);
        await BookingPages.FinishCheck(person, BookingPages.Routine);
        person.Address.ShouldStartWith("/check/result");
        person.Document.QuerySelector("form.near-form").ShouldNotBeNull();
        return person;
    }

    /// <summary>Submits the ZIP form as a browser does a GET form: its fields in the address of its action.</summary>
    private static async Task SubmitNearAsync(Browser person, string typed)
    {
        var form = (IHtmlFormElement)person.Document.QuerySelector("form.near-form")!;
        form.Method.ShouldBe("get");
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(i => (i.Name!, i.Value))
            .Append(("near", typed));
        await person.Open(form.GetAttribute("action") + "?" + string.Join('&', fields.Select(f => f.Item1 + "=" + Uri.EscapeDataString(f.Item2))));
    }

    private static List<string> Names(Browser person) =>
        [.. person.Document.QuerySelectorAll(".clinic-choice .clinic-choice-name strong").Select(e => e.TextContent)];

    private static List<string> Distances(Browser person) =>
        [.. person.Document.QuerySelectorAll(".clinic-choice .clinic-distance").Select(e => e.TextContent.Trim())];

    private static Clinic Placed(string name, string timeZone, double latitude, double longitude)
    {
        var clinic = new Clinic(name, "1 Pine Road", "+1 555 0101", timeZone);
        clinic.Describe(name, "1 Pine Road", "+1 555 0101", timeZone, offers: null, latitude, longitude);
        return clinic;
    }

    private async Task NetworkAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (await InDbAsync(factory, db => db.Clinics.AnyAsync(c => c.Name == Near)))
            {
                return;
            }

            await InDbAsync(factory, async db =>
            {
                db.Clinics.AddRange(
                    Placed(Middle, "America/New_York", 40.0, -74.0),
                    Placed(Far, "America/Los_Angeles", 34.0522, -118.2437),
                    Placed(Near, "America/New_York", 40.7484, -73.9857),
                    new Clinic(Unplaced, "4 Elm Road", "+1 555 0104", "America/New_York"));
                return await db.SaveChangesAsync();
            });
        }
        finally
        {
            Setup.Release();
        }
    }
}
