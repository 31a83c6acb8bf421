using System.Net;
using AngleSharp.Html.Dom;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Booking;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinics;

/// <summary>A host whose operator supplied a table of UK outward codes (the tests' small one, through <c>Places:UkOutcodes</c>).</summary>
public sealed class UkPlacesHost : IDisposable
{
    public BackCareFactory Factory { get; } = BackCareFactory.With(new() { ["Places:UkOutcodes"] = PlacesTests.UkFixture });

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// UK postcodes on the result page's clinic list (decision 0028): with an operator's table, the same field takes a full
/// postcode, lower case, without the space, or the outward code alone, and lists a network's clinics nearest first in
/// miles; an outward code the table lacks and a malformed postcode are said in the site's one error display. Without a
/// table (ClinicDistanceTests' host) a UK postcode is told that this server knows US ZIP codes only.
/// </summary>
public sealed class UkPostcodeTests(UkPlacesHost host) : IClassFixture<UkPlacesHost>
{
    /// <summary>Near London Bridge: 2.1 miles from SW1A's centre in the table.</summary>
    private const string London = "Thames Spine Clinic";

    /// <summary>Manchester city centre: 163 miles from SW1A, 0.1 from M1.</summary>
    private const string Manchester = "Pennine Back Clinic";

    /// <summary>Edinburgh: 332 miles from SW1A, 175 from M1.</summary>
    private const string Edinburgh = "Forth Spine Clinic";

    private static readonly SemaphoreSlim Setup = new(1, 1);

    private BackCareFactory Factory => host.Factory;

    [Fact]
    public async Task Given_a_UK_table_When_a_full_postcode_is_entered_Then_the_nearest_clinics_come_first_in_miles_from_its_outward_code_and_the_links_keep_it()
    {
        using var person = await ResultPageAsync();
        person.Document.QuerySelector("label[for=near]")!.TextContent.ShouldContain(BookingText.English["clinics_near_label_uk"]);
        person.Document.QuerySelector("#near-hint")!.TextContent.ShouldBe(BookingText.English["clinics_near_hint_uk"]);

        await SubmitNearAsync(person, "SW1A 1AA");

        person.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        person.Document.QuerySelector(".error-summary").ShouldBeNull();
        Names(person).Take(3).ShouldBe([London, Manchester, Edinburgh]);
        Distances(person).Take(3).ShouldBe([
            "2.1 miles from SW1A, in a straight line",
            "163 miles from SW1A, in a straight line",
            "332 miles from SW1A, in a straight line",
        ]);
        person.Text.ShouldContain(BookingText.English.Format("clinics_lead_near_uk", "SW1A"));

        var show = person.Document.QuerySelectorAll(".clinic-choice a").First(a => a.TextContent.Contains(Edinburgh, StringComparison.Ordinal));
        show.GetAttribute("href")!.ShouldContain("near=SW1A");
        show.GetAttribute("href")!.ShouldNotContain("1AA", customMessage: "only the outward code is carried on");
        await person.Open(show.GetAttribute("href")!);
        Names(person).Take(3).ShouldBe([London, Manchester, Edinburgh], "showing one clinic's times keeps the list nearest first");
    }

    [Theory]
    [InlineData("m1 1ae", Manchester, "M1")]
    [InlineData("M11AE", Manchester, "M1")]
    [InlineData("M1", Manchester, "M1")]
    [InlineData("sw1a", London, "SW1A")]
    [InlineData(" eh1 1yz ", Edinburgh, "EH1")]
    public async Task Given_a_UK_table_When_a_postcode_is_written_in_lower_case_without_the_space_or_as_its_outward_code_Then_it_is_found(string typed, string nearest, string outward)
    {
        using var person = await ResultPageAsync();

        await SubmitNearAsync(person, typed);

        person.Document.QuerySelector(".error-summary").ShouldBeNull();
        Names(person)[0].ShouldBe(nearest);
        Distances(person)[0].ShouldEndWith($" miles from {outward}, in a straight line");
    }

    [Theory]
    [InlineData("ZZ9 9ZZ", "ZZ9")]
    [InlineData("w1a", "W1A")]
    public async Task Given_a_UK_table_When_a_postcode_whose_outward_code_it_lacks_is_entered_Then_the_error_names_it_and_the_list_keeps_working(string typed, string outward)
    {
        using var person = await ResultPageAsync();

        await SubmitNearAsync(person, typed);

        ShouldShowError(person, typed, BookingText.English.Format("clinics_near_unknown_uk", outward));
    }

    [Theory]
    [InlineData("SW1A 1A", "clinics_near_malformed_uk")]
    [InlineData("1234", "clinics_near_malformed_uk")]
    [InlineData("  ", "clinics_near_empty_uk")]
    public async Task Given_a_UK_table_When_something_that_is_neither_a_ZIP_nor_a_postcode_is_entered_Then_the_error_says_both_are_taken(string typed, string key)
    {
        using var person = await ResultPageAsync();

        await SubmitNearAsync(person, typed);

        ShouldShowError(person, typed, BookingText.English[key]);
    }

    [Fact]
    public async Task Given_a_UK_postcode_entered_When_the_list_is_sorted_Then_it_is_neither_logged_nor_stored()
    {
        using var person = await ResultPageAsync();

        await SubmitNearAsync(person, "EH1 1YZ");

        Names(person)[0].ShouldBe(Edinburgh);
        Factory.Logs.Entries.ShouldNotContain(e => e.Message.Contains("EH1", StringComparison.Ordinal));
        (await InDbAsync(Factory, db => db.AuditEvents.AsNoTracking().CountAsync(e => e.ResourceId != null && e.ResourceId.Contains("EH1")))).ShouldBe(0);
    }

    private static void ShouldShowError(Browser person, string typed, string message)
    {
        person.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        person.Document.Title.ShouldStartWith(PageText.English["error_prefix"]);
        person.Document.QuerySelector(".error-summary[role=alert] a[href='#near']")!.TextContent.ShouldBe(message);
        person.Document.QuerySelector("#near-error")!.TextContent.ShouldContain(message);
        ((IHtmlInputElement)person.Document.QuerySelector("#near")!).Value.Trim().ShouldBe(typed.Trim(), "what was typed is shown back");
        Names(person).Count.ShouldBe(4, "the list is still there, soonest first");
        Distances(person).ShouldBeEmpty();
    }

    private async Task<Browser> ResultPageAsync()
    {
        await NetworkAsync();
        var person = new Browser(Factory);
        await BookingPages.FinishCheck(person, BookingPages.Routine);
        person.Address.ShouldStartWith("/check/result");
        person.Document.QuerySelector("form.near-form").ShouldNotBeNull();
        return person;
    }

    private static async Task SubmitNearAsync(Browser person, string typed)
    {
        var form = (IHtmlFormElement)person.Document.QuerySelector("form.near-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(i => (i.Name!, i.Value))
            .Append(("near", typed));
        await person.Open(form.GetAttribute("action") + "?" + string.Join('&', fields.Select(f => f.Item1 + "=" + Uri.EscapeDataString(f.Item2))));
    }

    private static List<string> Names(Browser person) =>
        [.. person.Document.QuerySelectorAll(".clinic-choice .clinic-choice-name strong").Select(e => e.TextContent)];

    private static List<string> Distances(Browser person) =>
        [.. person.Document.QuerySelectorAll(".clinic-choice .clinic-distance").Select(e => e.TextContent.Trim())];

    private static Clinic Placed(string name, double latitude, double longitude)
    {
        var clinic = new Clinic(name, "1 High Street", "+44 20 7946 0000", "Europe/London");
        clinic.Describe(name, "1 High Street", "+44 20 7946 0000", "Europe/London", offers: null, latitude, longitude);
        return clinic;
    }

    private async Task NetworkAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (await InDbAsync(Factory, db => db.Clinics.AnyAsync(c => c.Name == London)))
            {
                return;
            }

            await InDbAsync(Factory, async db =>
            {
                db.Clinics.AddRange(Placed(Edinburgh, 55.9533, -3.1883), Placed(London, 51.5079, -0.0877), Placed(Manchester, 53.4808, -2.2426));
                return await db.SaveChangesAsync();
            });
        }
        finally
        {
            Setup.Release();
        }
    }
}
