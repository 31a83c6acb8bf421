using System.Net;
using BackCare.Web.Tests.Accounts;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

/// <summary>The clinician pages say when in the clinic's own time, named by its place, never as "UTC" or an offset.</summary>
public sealed class ClinicTimesTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_patient_who_wrote_and_a_visitor_who_asked_When_the_clinician_reads_the_worklist_the_patient_and_the_inbox_Then_every_time_is_New_York_time_and_none_says_UTC()
    {
        var clinic = await AddClinicAsync(factory);
        var (person, id) = await PersonAsync(factory, "Tess Time");
        using var _p = person;
        var joined = new DateTime(2026, 3, 4, 14, 30, 0, DateTimeKind.Utc);
        await JoinAsync(factory, clinic, id, "routine", joined);
        using (var sent = await SendMessage(person, clinic, "Can I swim this week?"))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var visitor = new Browser(factory);
        await visitor.Open($"/clinics/{clinic}/contact");
        await visitor.Submit(new() { ["name"] = "Vera Visitor", ["email"] = "vera@example.org", ["phone"] = "", ["body"] = "Do you see people on Saturdays?" });
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;

        await clinician.Open("/clinic");
        MainText(clinician).ShouldContain("Wed 4 Mar 2026, 9:30 AM, New York time", Case.Sensitive, "14:30 UTC is 9:30 in New York in March");
        ShouldSayNoUtc(clinician);

        await clinician.Open($"/clinic/patients/{id}");
        MainText(clinician).ShouldContain("Wed 4 Mar 2026, 9:30 AM, New York time");
        MainText(clinician).ShouldContain("Can I swim this week?");
        ShouldSayNoUtc(clinician);

        await clinician.Open("/clinic/inbox");
        MainText(clinician).ShouldContain("Vera Visitor");
        MainText(clinician).ShouldContain(", New York time");
        ShouldSayNoUtc(clinician);
    }

    private static string MainText(Browser browser) => browser.Document.QuerySelector("main")!.TextContent;

    private static void ShouldSayNoUtc(Browser browser)
    {
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Text.ShouldNotContain("UTC", Case.Sensitive, $"{browser.Address} shows a time as UTC or an offset");
        browser.Text.ShouldNotMatch(@"[+-]\d\d:\d\d\b", $"{browser.Address} shows an offset");
    }
}
