using System.Net;
using System.Text;
using BackCare.Data.Clinics;
using BackCare.Web.Clinician;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Recovery;
using BackCare.Web.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

/// <summary>
/// A patient whose diary shows no progress a week after their first check comes onto the worklist by the leader's check,
/// once, saying why in words; and every row shows its last 14 days of diary pain as a drawing with words for screen
/// readers (decision 0029). The patient writes on a host whose clock the test moves; the clinician reads on today's.
/// </summary>
public sealed class StalledRecoveryPageTests : IDisposable
{
    private const string FirstCheck = """{"id":"first","age":41,"findings":{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower"}}""";

    private readonly BackCareFactory _today = new();
    private readonly ManualClock _clock = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _moved;

    public StalledRecoveryPageTests()
    {
        _moved = _today.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
    }

    [Fact]
    public async Task Given_a_diary_with_no_progress_a_week_after_the_first_check_When_the_leaders_check_runs_twice_Then_the_patient_is_raised_once_and_the_row_says_why_with_the_pain_drawn_and_in_words()
    {
        // The moved clock starts a week and two hours before today, so that the week's end falls an hour before now.
        _clock.Advance(DateTimeOffset.UtcNow.AddDays(-7).AddHours(-2) - _clock.GetUtcNow());
        var clinic = await AddClinicAsync(_today);
        using var person = new Browser(_moved);
        var email = Accounts.Accounts.NewEmail();
        await person.SignUp(email, displayName: "Stella Stalled");
        using (var saved = await person.Client.PostAsync("/api/assessments", new StringContent(FirstCheck, Encoding.UTF8, "application/json")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var id = await InDbAsync(_today, db => db.Accounts.Where(a => a.DisplayName == "Stella Stalled").Select(a => a.Id).SingleAsync());
        await JoinAsync(_today, clinic, id, "self_care", _clock.GetUtcNow().UtcDateTime);
        var row = await InDbAsync(_today, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.ClinicId == clinic && p.PatientId == id));
        var (clinician, clinicianAccount) = await SignedInClinicianAsync(_today, clinic);
        using var _c = clinician;
        (await InDbAsync(_today, db => WorklistUpdater.AcknowledgeAsync(db, clinic, id, row.LastActivityUtc, clinicianAccount, DateTime.UtcNow)))
            .ShouldBe(AcknowledgeOutcome.Acknowledged);

        foreach (var pain in new[] { "8", "7" }) // days 3 and 6
        {
            _clock.Advance(TimeSpan.FromDays(3));
            await person.SignIn(email);
            await person.Open("/diary/new");
            await person.Submit([KeyValuePair.Create("pain", pain), KeyValuePair.Create("spasms", "1"), KeyValuePair.Create("walk", "limited")], "main form");
            person.Address.ShouldBe("/diary/saved");
        }

        var watch = _moved.Services.GetRequiredService<StalledRecoveryWatch>();
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        (await watch.RaiseDueAsync(default)).ShouldBe(1, "one clinic, one patient whose week has come");
        (await watch.RaiseDueAsync(default)).ShouldBe(0, "the milestone is done");

        await clinician.Open("/clinic");

        var tr = clinician.Document.QuerySelectorAll("table.worklist tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Stella Stalled");
        tr.QuerySelector("td.why")!.TextContent.Trim().ShouldBe(PageText.English["patients_why_stalled_7"]);
        var drawing = tr.QuerySelector("td.pain svg[role=img]").ShouldNotBeNull("the pain is drawn");
        var words = PageText.English.Format("patients_pain_summary", 8, 7, PageText.English["patients_pain_steady"], 2, "8, 7");
        drawing.GetAttribute("aria-label").ShouldBe(words);
        drawing.QuerySelector("title")!.TextContent.ShouldBe(words);
        drawing.QuerySelectorAll("circle").Length.ShouldBe(2, "one dot a day written");
        tr.QuerySelector("td.pain .pain-short")!.TextContent.ShouldBe(PageText.English.Format("patients_pain_short", 8, 7));
        clinician.Document.QuerySelectorAll("table.worklist thead th[scope=col]").Select(th => th.TextContent.Trim())
            .ShouldContain(PageText.English["patients_col_pain"]);
        tr.QuerySelectorAll("td").ShouldAllBe(td => !string.IsNullOrEmpty(td.GetAttribute("data-label")), "each cell names its column for the narrow layout");
    }

    [Fact]
    public void Given_days_of_pain_When_drawn_Then_the_words_say_first_to_latest_and_the_trend_and_gaps_break_the_line()
    {
        int?[] days = [null, 8, 7, null, null, null, null, null, null, 5, 4, null, null, 3];
        var row = new WorklistRow(Guid.NewGuid(), "A", 3, null, [], DateTime.UtcNow, DateTime.UtcNow, null, 0, "a@example.org", null, null, null, null, Pain: days);

        var line = PainSparkline.Of(row);

        line.Description.ShouldBe(PageText.English.Format("patients_pain_summary", 8, 3, PageText.English["patients_pain_falling"], 5, "8, 7, 5, 4, 3"));
        line.Runs.Count.ShouldBe(3, "three runs of days written one after another");
        line.Dots.Count.ShouldBe(5);
        PainSparkline.Of(row with { Pain = [.. Enumerable.Repeat((int?)null, 13), 6] }).Description
            .ShouldBe(PageText.English.Format("patients_pain_one", 6));
        PainSparkline.Of(row with { Pain = [2, .. Enumerable.Repeat((int?)null, 12), 6] }).Description
            .ShouldContain(PageText.English["patients_pain_rising"]);
        PainSparkline.Of(row with { Pain = null }).IsEmpty.ShouldBeTrue();
        PainSparkline.Of(row with { Pain = null }).Description.ShouldBe(PageText.English["patients_pain_none"]);
    }

    public void Dispose()
    {
        _moved.Dispose();
        _today.Dispose();
    }
}
