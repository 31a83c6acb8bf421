using System.Globalization;
using System.Net;
using BackCare.Data.Accounts;
using BackCare.Data.Assessments;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Diary;
using BackCare.Web.Clinician;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Booking;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

/// <summary>
/// A clinic's outcomes page and its CSV: a clinic seeded with known checks, visits, diary entries and acknowledgements
/// (and another clinic whose records must never count), the exact figures of each table and of the CSV, who may open
/// them, and the one audit event of each view.
/// </summary>
public sealed class OutcomesTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task Given_a_clinic_with_known_checks_visits_and_diaries_When_its_clinician_opens_the_outcomes_Then_each_table_shows_the_exact_figures_and_nothing_of_another_clinic()
    {
        var world = await SeedAsync();
        var (clinician, clinicianId) = await SignedInClinicianAsync(factory, world.Mine);
        using var _b = clinician;

        await clinician.Open("/clinic/outcomes");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clinician.Document.QuerySelector("h1")!.TextContent.ShouldBe(OutcomesText.English.Format("title", "Riverside Spine Clinic"));
        Table(clinician, "triage_mix").ShouldBe(ExpectedTriageMix());
        Table(clinician, "check_to_visit").ShouldBe(
        [
            ["emergency", "1", "2", "2"],
            ["urgent", "2", "13", "18.6"],
            ["routine", "2", "75", "95"],
            ["self_care", "0", "None", "None"],
        ]);
        Table(clinician, "recovery").ShouldBe(
        [
            ["0", "3", "6", "5", "7"],
            ["1", "2", "6.5", "6.25", "6.75"],
            ["13", "1", "5", "5", "5"],
            ["14", "2", "3.5", "2.75", "4.25"],
            ["16", "1", "3", "3", "3"],
            ["27", "1", "5", "5", "5"],
            ["29", "1", "5", "5", "5"],
            ["40", "1", "4", "4", "4"],
            ["42", "1", "2", "2", "2"],
        ]);
        Table(clinician, "improvement").ShouldBe([["2_weeks", "4", "2", "50"], ["6_weeks", "3", "2", "66.7"]]);
        Table(clinician, "red_flags").ShouldBe(ExpectedRedFlags());
        foreach (var chart in new[] { "chart-triage", "chart-visit", "chart-recovery", "chart-improvement", "chart-redflags" })
        {
            var svg = clinician.Document.QuerySelector($"svg#{chart}[role=img]").ShouldNotBeNull(chart);
            svg.GetAttribute("aria-labelledby").ShouldBe($"{chart}-title {chart}-desc");
            svg.QuerySelector("title")!.TextContent.ShouldNotBeNullOrWhiteSpace();
            svg.QuerySelector("desc")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        }

        clinician.Document.QuerySelectorAll("#chart-triage rect.outcome-emergency:not(.outcome-key)").Length.ShouldBe(1, "one week had an emergency check");
        clinician.Document.QuerySelectorAll("#chart-redflags rect.outcome-not-yet:not(.outcome-key)").Length.ShouldBe(1);
        clinician.Text.ShouldNotContain("Zed Other");

        var reads = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking().Where(e => e.ActorId == clinicianId).ToListAsync());
        var read = reads.ShouldHaveSingleItem("one audit event for the whole page");
        (read.Action, read.SubjectId, read.ResourceType).ShouldBe((AuditAction.Read, world.Mine, OutcomesPage.AuditResource));
        read.ResourceId.ShouldBe($"page {world.Weeks[0]}..{world.Weeks[^1]}: triage_mix check_to_visit recovery improvement red_flags");
    }

    [Fact]
    public async Task Given_the_same_clinic_When_its_clinician_downloads_the_CSV_Then_it_holds_every_cell_of_the_tables_and_the_download_is_audited()
    {
        var world = await SeedAsync();
        var (clinician, clinicianId) = await SignedInClinicianAsync(factory, world.Mine);
        using var _b = clinician;

        await clinician.Open("/clinic/outcomes");
        clinician.Document.QuerySelector($"a[href='/clinic/outcomes.csv']").ShouldNotBeNull("the page links its CSV");
        using var response = await clinician.Client.GetAsync("/clinic/outcomes.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("outcomes-");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("table,row,column,value");
        lines.Length.ShouldBe(1 + 12 * 5 + 4 * 3 + 9 * 4 + 2 * 3 + 13 * 4);
        lines.ShouldContain($"triage_mix,{world.Weeks[1]},urgent,1");
        lines.ShouldContain($"triage_mix,{world.Weeks[1]},total,2");
        lines.ShouldContain($"triage_mix,{world.Weeks[^1]},total,0");
        lines.ShouldContain("check_to_visit,urgent,p90_hours,18.6");
        lines.ShouldContain("check_to_visit,self_care,median_hours,");
        lines.ShouldContain("recovery,14,p75_pain,4.25");
        lines.ShouldContain("improvement,6_weeks,share_percent,66.7");
        lines.ShouldContain("red_flags,all,raised,3");
        lines.ShouldContain("red_flags,all,not_yet_acknowledged,1");
        lines.ShouldContain("red_flags,all,median_hours_to_acknowledge,7");
        foreach (var (table, expected) in new[] { ("triage_mix", ExpectedTriageMix()), ("red_flags", ExpectedRedFlags()) })
        {
            var columns = Columns(clinician, table);
            foreach (var row in expected)
            {
                for (var i = 1; i < row.Length; i++)
                {
                    lines.ShouldContain($"{table},{row[0]},{columns[i - 1]},{(row[i] == "None" ? "" : row[i])}");
                }
            }
        }

        var reads = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking().Where(e => e.ActorId == clinicianId && e.ResourceId!.StartsWith("csv ")).ToListAsync());
        reads.ShouldHaveSingleItem().SubjectId.ShouldBe(world.Mine);
    }

    [PostgresFact]
    public async Task Given_the_same_clinic_on_PostgreSQL_When_its_clinician_opens_the_outcomes_and_the_CSV_Then_every_figure_is_the_same()
    {
        // The page's queries are SQL of two dialects over the pain-day table its triggers keep: the same seeded clinic
        // must give the same cells on PostgreSQL as on SQLite, the other clinic included.
        await using var database = await PostgresDatabase.CreateAsync();
        using var onPostgres = BackCareFactory.With(database.HostSettings());
        var suite = new OutcomesTests(onPostgres);

        await suite.Given_a_clinic_with_known_checks_visits_and_diaries_When_its_clinician_opens_the_outcomes_Then_each_table_shows_the_exact_figures_and_nothing_of_another_clinic();
        await suite.Given_the_same_clinic_When_its_clinician_downloads_the_CSV_Then_it_holds_every_cell_of_the_tables_and_the_download_is_audited();
        await suite.Given_two_clinics_When_the_other_clinics_clinician_opens_the_outcomes_Then_they_see_only_their_own_figures_and_naming_this_clinic_is_404();
    }

    [Fact]
    public async Task Given_kept_snapshots_of_two_clinics_When_each_clinician_opens_the_page_and_the_CSV_Then_both_show_their_own_clinics_figures_as_the_query_gave_them_then_and_say_when()
    {
        var world = await SeedAsync();
        var at = DateTime.UtcNow.AddMinutes(-3);
        await InDbAsync(factory, db => ClinicOutcomeSnapshot.RefreshAsync(db, world.Mine, NewYork, at));
        await InDbAsync(factory, db => ClinicOutcomeSnapshot.RefreshAsync(db, world.Theirs, NewYork, at));
        var expected = OutcomeTables.Of(await InDbAsync(factory, db => ClinicOutcomes.ReadAsync(db, world.Mine, NewYork, at)));
        var theirs = OutcomeTables.Of(await InDbAsync(factory, db => ClinicOutcomes.ReadAsync(db, world.Theirs, NewYork, at)));
        var late = await PatientAsync(world.Mine, "Gil Late");
        await CheckAsync(late, DateTime.UtcNow.AddMinutes(-1), "emergency", pain: 9);
        var (clinician, _) = await SignedInClinicianAsync(factory, world.Mine);
        using var _b = clinician;

        await clinician.Open("/clinic/outcomes");
        using var csv = await clinician.Client.GetAsync("/clinic/outcomes.csv");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var table in expected)
        {
            Table(clinician, table.Key).ShouldBe(Cells(table), table.Key);
        }

        Table(clinician, "triage_mix").Sum(row => int.Parse(row[1], CultureInfo.InvariantCulture)).ShouldBe(1, "Gil's emergency check came after the snapshot");
        (await csv.Content.ReadAsStringAsync()).ShouldBe(OutcomeTables.Csv(expected), "the CSV gives the page's snapshot, cell for cell");
        var asOf = clinician.Document.QuerySelector("#as-of").ShouldNotBeNull().TextContent;
        asOf.ShouldStartWith(OutcomesText.English.Format("as_of", TimeZoneInfo.ConvertTimeFromUtc(at, NewYork).ToString("HH:mm", CultureInfo.InvariantCulture), "", "", 10)[..20]);
        asOf.ShouldContain("every 10 minutes");

        var (other, _) = await SignedInClinicianAsync(factory, world.Theirs);
        using var _o = other;
        await other.Open("/clinic/outcomes");
        foreach (var table in theirs)
        {
            Table(other, table.Key).ShouldBe(Cells(table), "the other clinic's own snapshot: " + table.Key);
        }
    }

    [Fact]
    public async Task Given_a_snapshot_older_than_ten_minutes_When_the_page_is_opened_Then_it_shows_those_figures_at_once_and_the_figures_are_worked_out_again_in_the_background()
    {
        var world = await SeedAsync();
        var old = DateTime.UtcNow.AddMinutes(-11);
        await InDbAsync(factory, db => ClinicOutcomeSnapshot.RefreshAsync(db, world.Mine, NewYork, old));
        var late = await PatientAsync(world.Mine, "Gil Late");
        await CheckAsync(late, DateTime.UtcNow.AddMinutes(-1), "emergency", pain: 9);
        var (clinician, clinicianId) = await SignedInClinicianAsync(factory, world.Mine);
        using var _b = clinician;

        await clinician.Open("/clinic/outcomes");
        Table(clinician, "triage_mix").Sum(row => int.Parse(row[1], CultureInfo.InvariantCulture)).ShouldBe(1, "the old snapshot, shown without waiting");
        clinician.Document.QuerySelector("#as-of")!.TextContent.ShouldContain(TimeZoneInfo.ConvertTimeFromUtc(old, NewYork).ToString("HH:mm", CultureInfo.InvariantCulture));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        DateTime computed;
        while ((computed = await InDbAsync(factory, db => db.ClinicOutcomeSnapshots.Where(s => s.ClinicId == world.Mine).Select(s => s.ComputedUtc).SingleAsync())) < old.AddMinutes(5)
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        computed.ShouldBeGreaterThan(old.AddMinutes(10), "the leader (here the only instance) worked them out again when asked");
        await clinician.Open("/clinic/outcomes");
        Table(clinician, "triage_mix").Sum(row => int.Parse(row[1], CultureInfo.InvariantCulture)).ShouldBe(2, "Gil's check is in the new figures");
        (await InDbAsync(factory, db => db.AuditEvents.AsNoTracking().CountAsync(e => e.ActorId == clinicianId && e.SubjectId == world.Mine)))
            .ShouldBe(2, "each view is audited, whichever snapshot it showed");
    }

    [Fact]
    public async Task Given_two_clinics_When_the_other_clinics_clinician_opens_the_outcomes_Then_they_see_only_their_own_figures_and_naming_this_clinic_is_404()
    {
        var world = await SeedAsync();
        var (other, otherId) = await SignedInClinicianAsync(factory, world.Theirs);
        using var _b = other;

        await other.Open("/clinic/outcomes");

        other.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var triage = Table(other, "triage_mix");
        triage.Sum(row => int.Parse(row[^1], CultureInfo.InvariantCulture)).ShouldBe(2, "Zed's check and Dan's, who is a patient of both");
        Table(other, "check_to_visit").Single(row => row[0] == "urgent").ShouldBe(["urgent", "1", "3", "3"]);
        Table(other, "red_flags")[^1].ShouldBe(["all", "2", "2", "0", "1.5"]);

        foreach (var address in new[] { $"/clinic/outcomes?clinic={world.Mine}", $"/clinic/outcomes.csv?clinic={world.Mine}" })
        {
            using var response = await other.Client.GetAsync(address);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, address);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("Riverside", Case.Insensitive, address);
        }

        var reads = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking().Where(e => e.ActorId == otherId).Select(e => e.SubjectId).ToListAsync());
        reads.ShouldBe([world.Theirs], "only the view of their own clinic's figures");
    }

    [Theory]
    [InlineData("/clinic/outcomes")]
    [InlineData("/clinic/outcomes.csv")]
    public async Task Given_a_patient_or_nobody_When_opening_the_outcomes_Then_they_are_refused(string address)
    {
        var world = await SeedAsync();
        using var patient = new Browser(factory);
        await patient.SignUp(Accounts.Accounts.NewEmail());
        using var anonymous = new Browser(factory);

        await patient.Open(address + $"?clinic={world.Mine}");
        await anonymous.Open(address);

        patient.Redirects.ShouldContain(r => r.StartsWith("/account/denied", StringComparison.Ordinal));
        patient.Text.ShouldNotContain("Riverside");
        anonymous.Redirects.ShouldContain(r => r.StartsWith("/account/sign-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_an_administrator_When_they_open_the_outcomes_Then_they_choose_a_clinic_and_see_its_figures()
    {
        var world = await SeedAsync();
        var (email, key) = await TwoStepSignIn.NewAdministratorAsync(factory);
        using var admin = new Browser(factory);
        await admin.SignInWithCode(email, key);

        await admin.Open("/clinic/outcomes");
        admin.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        admin.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ShouldContain($"/clinic/outcomes?clinic={world.Mine}");
        await admin.Open($"/clinic/outcomes?clinic={world.Mine}");

        admin.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Table(admin, "improvement").ShouldBe([["2_weeks", "4", "2", "50"], ["6_weeks", "3", "2", "66.7"]]);
        admin.Document.QuerySelector($"a[href='/clinic/outcomes.csv?clinic={world.Mine}']").ShouldNotBeNull();
    }

    [Fact]
    public void Given_values_When_their_percentiles_are_taken_Then_they_interpolate_between_ranks_as_a_spreadsheet_does()
    {
        Percentile.Median([2, 3, 5, 8]).ShouldBe(4);
        Percentile.Of([6, 20], 0.9)!.Value.ShouldBe(18.6, 1e-9);
        Percentile.Of([4, 6, 8], 0.25).ShouldBe(5);
        Percentile.Median([7]).ShouldBe(7);
        Percentile.Median([]).ShouldBeNull();
        ClinicOutcomes.IsImproved(8, 6).ShouldBeTrue("two points");
        ClinicOutcomes.IsImproved(3, 2).ShouldBeTrue("a third is over 30%");
        ClinicOutcomes.IsImproved(4, 3).ShouldBeFalse("a quarter is under 30% and one point under two");
        ClinicOutcomes.BaselinePain("""{"findings":{"pain_score":7}}""").ShouldBe(7);
        ClinicOutcomes.BaselinePain("""{"narrative":"it hurts"}""").ShouldBeNull();
    }

    /// <summary>The weeks of the table, oldest first: weeks 1 to 11 ago have the seeded checks, this week none.</summary>
    private static string[][] ExpectedTriageMix()
    {
        var weeks = Weeks();
        var rows = weeks.Select(w => new[] { w, "0", "0", "0", "0", "0" }).ToArray();
        void Set(int weeksAgo, params string[] counts) => rows[11 - weeksAgo] = [weeks[11 - weeksAgo], .. counts];
        Set(10, "0", "1", "1", "0", "2");
        Set(9, "0", "0", "0", "1", "1");
        Set(8, "1", "0", "0", "0", "1");
        Set(5, "0", "1", "0", "0", "1");
        Set(3, "0", "0", "1", "1", "2");
        return rows;
    }

    private static string[][] ExpectedRedFlags()
    {
        var weeks = Weeks();
        var rows = weeks.Select(w => new[] { w, "0", "0", "0", "None" }).Append(["all", "3", "2", "1", "7"]).ToArray();
        rows[11 - 6] = [weeks[11 - 6], "2", "2", "0", "7"];
        rows[11 - 2] = [weeks[11 - 2], "1", "0", "1", "None"];
        return rows;
    }

    /// <summary>The twelve ISO weeks ending with this one in New York, worked out here from the calendar.</summary>
    private static string[] Weeks()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, NewYork));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return [.. Enumerable.Range(0, 12).Reverse().Select(ago =>
        {
            var day = monday.AddDays(-7 * ago).ToDateTime(TimeOnly.MinValue);
            return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
        })];
    }

    /// <summary>
    /// Noon in New York on the Monday some weeks before this one. Later times are this plus whole days, so that a change
    /// of the clocks moves them by an hour at most and never across a day of the curve or a week of the table.
    /// </summary>
    private static DateTime Noon(int weeksAgo)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, NewYork));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var local = monday.AddDays(-7 * weeksAgo).ToDateTime(new TimeOnly(12, 0));
        return TimeZoneInfo.ConvertTimeToUtc(local, NewYork);
    }

    private sealed record World(Guid Mine, Guid Theirs, string[] Weeks);

    /// <summary>
    /// Riverside ("mine") and Hillside ("theirs"). Riverside's patients: Ann (urgent, pain 8), Ben (routine, 6), Cat
    /// (self-care, 4), Dan (emergency, 3; also Hillside's), Eve (first check before the window), Fay (urgent, no diary).
    /// Hillside's own patient Zed has a check, a visit and acknowledged red flags that must never count for Riverside.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        var mine = await AddClinicAsync(factory);
        var theirs = await AddClinicAsync(factory, "Hillside Back Clinic");
        var mineClinician = await ClinicianAsync(mine, "Dr. River");
        var theirClinician = await ClinicianAsync(theirs, "Dr. Hill");

        var ann = await PatientAsync(mine, "Ann Outcome");
        var annFirst = await CheckAsync(ann, Noon(10), "urgent", pain: 8);
        await CheckAsync(ann, Noon(3), "self_care", pain: 3);
        await VisitAsync(mine, mineClinician, ann, annFirst, Noon(10).AddHours(6));
        await VisitAsync(theirs, theirClinician, ann, annFirst, Noon(10).AddHours(1));
        await DiaryAsync(ann, Noon(10).AddHours(2), 8);
        await DiaryAsync(ann, Noon(10).AddDays(1).AddHours(1), 9);
        await DiaryAsync(ann, Noon(10).AddDays(1).AddHours(5), 7);
        await DiaryAsync(ann, Noon(10).AddDays(14).AddHours(1), 5);
        await DiaryAsync(ann, Noon(10).AddDays(42).AddHours(1), 2);
        await DiaryAsync(ann, Noon(10).AddDays(44).AddHours(1), 1);

        var ben = await PatientAsync(mine, "Ben Outcome");
        var benFirst = await CheckAsync(ben, Noon(10).AddHours(1), "routine", pain: 6);
        await VisitAsync(mine, mineClinician, ben, benFirst, Noon(10).AddHours(51));
        await VisitAsync(mine, mineClinician, ben, benFirst, Noon(10).AddHours(11), cancelled: true);
        await DiaryAsync(ben, Noon(10).AddHours(2), 6);
        await DiaryAsync(ben, Noon(10).AddDays(1).AddHours(2), 6);
        await DiaryAsync(ben, Noon(10).AddDays(13).AddHours(2), 5);
        await DiaryAsync(ben, Noon(10).AddDays(28), 5, redFlag: true);
        await AcknowledgeAsync(mine, ben, mineClinician, Noon(10).AddDays(28).AddHours(4));
        await DiaryAsync(ben, Noon(10).AddDays(30), 5, redFlag: true);
        await AcknowledgeAsync(mine, ben, mineClinician, Noon(10).AddDays(30).AddHours(10));
        await DiaryAsync(ben, Noon(10).AddDays(40).AddHours(2), 4);

        var cat = await PatientAsync(mine, "Cat Outcome");
        await CheckAsync(cat, Noon(9), "self_care", pain: 4);
        await DiaryAsync(cat, Noon(9).AddDays(-1), 9);
        await DiaryAsync(cat, Noon(9).AddHours(3), 4);
        await DiaryAsync(cat, Noon(9).AddDays(16).AddHours(3), 3);

        var dan = await PatientAsync(mine, "Dan Outcome");
        await JoinAsync(factory, theirs, dan, "emergency", Noon(8));
        var danFirst = await CheckAsync(dan, Noon(8), "emergency", pain: 3);
        await VisitAsync(mine, mineClinician, dan, danFirst, Noon(8).AddHours(2));
        await DiaryAsync(dan, Noon(8).AddDays(14).AddHours(1), 2);
        await DiaryAsync(dan, Noon(8).AddDays(43), 3, redFlag: true);
        await AcknowledgeAsync(theirs, dan, theirClinician, Noon(8).AddDays(43).AddHours(1));

        var eve = await PatientAsync(mine, "Eve Outcome");
        await CheckAsync(eve, Noon(13), "urgent", pain: 7);
        var eveSecond = await CheckAsync(eve, Noon(3).AddHours(1), "routine", pain: 6);
        await VisitAsync(mine, mineClinician, eve, eveSecond, Noon(3).AddHours(101));
        await DiaryAsync(eve, Noon(4), 2);

        var fay = await PatientAsync(mine, "Fay Outcome");
        var fayFirst = await CheckAsync(fay, Noon(5), "urgent", pain: 5);
        await VisitAsync(mine, mineClinician, fay, fayFirst, Noon(5).AddHours(20));

        var zed = await PatientAsync(theirs, "Zed Other");
        var zedFirst = await CheckAsync(zed, Noon(4), "urgent", pain: 9);
        await VisitAsync(theirs, theirClinician, zed, zedFirst, Noon(4).AddHours(3));
        await DiaryAsync(zed, Noon(4).AddHours(2), 9, redFlag: true);
        await AcknowledgeAsync(theirs, zed, theirClinician, Noon(4).AddHours(4));
        return new World(mine, theirs, Weeks());
    }

    private Task<Guid> ClinicianAsync(Guid clinic, string name) => InDbAsync(factory, async db =>
    {
        var clinician = new BackCare.Data.Clinics.Clinician(clinic, name, Specialty.Spine);
        db.Clinicians.Add(clinician);
        await db.SaveChangesAsync();
        return clinician.Id;
    });

    private async Task<Guid> PatientAsync(Guid clinic, string name)
    {
        var id = await InDbAsync(factory, async db =>
        {
            var account = new Account(Accounts.Accounts.NewEmail(), name, AccountRole.Patient);
            account.SetPasswordHash("not-a-real-hash");
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });
        await JoinAsync(factory, clinic, id, "routine", Noon(11));
        return id;
    }

    private Task<Guid> CheckAsync(Guid person, DateTime atUtc, string disposition, int pain) => InDbAsync(factory, async db =>
    {
        var check = new SavedAssessment(person, $$$"""{"age":40,"findings":{"pain_score":{{{pain}}}}}""", "{}", disposition, 40);
        db.SavedAssessments.Add(check);
        db.Entry(check).Property(c => c.CreatedUtc).CurrentValue = atUtc;
        await db.SaveChangesAsync();
        return check.Id;
    });

    private Task<int> DiaryAsync(Guid person, DateTime atUtc, int pain, bool redFlag = false) => InDbAsync(factory, db =>
    {
        var entry = new DiaryEntry(person, new DiaryInput(pain, 0, true, true, true, true, null, null, null, "[]"),
            new DiaryReassessment(redFlag ? "emergency" : "self_care", null, redFlag, NewRedFlagsJson: redFlag ? """["saddle_anesthesia"]""" : "[]"));
        db.DiaryEntries.Add(entry);
        db.Entry(entry).Property(e => e.CreatedUtc).CurrentValue = atUtc;
        return db.SaveChangesAsync();
    });

    private Task<int> VisitAsync(Guid clinic, Guid clinician, Guid person, Guid check, DateTime startUtc, bool cancelled = false) => InDbAsync(factory, db =>
    {
        var slot = new Slot(clinic, clinician, startUtc, startUtc.AddMinutes(30), SlotKind.InPerson);
        var visit = new Appointment(person, slot, "Back spasm", check, "routine", joinUrl: null);
        if (cancelled)
        {
            visit.Cancel(startUtc.AddDays(-1));
        }

        db.AddRange(slot, visit);
        return db.SaveChangesAsync();
    });

    private Task<int> AcknowledgeAsync(Guid clinic, Guid person, Guid clinician, DateTime atUtc) => InDbAsync(factory, async db =>
    {
        var row = await db.ClinicPatients.AsNoTracking().SingleAsync(p => p.ClinicId == clinic && p.PatientId == person);
        db.WorklistAcknowledgements.Add(new WorklistAcknowledgement(clinic, row, clinician, atUtc));
        return await db.SaveChangesAsync();
    });

    /// <summary>A table's body as its rows' keys followed by their cells, as the page shows them.</summary>
    private static string[][] Table(Browser browser, string key) =>
        [.. browser.Document.QuerySelectorAll($"table#{key} tbody tr[data-key]")
            .Select(tr => new[] { tr.GetAttribute("data-key")! }.Concat(tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim())).ToArray())];

    /// <summary>A table's rows as the page prints them: the row's key, then each cell ("None" for an empty one).</summary>
    private static string[][] Cells(OutcomeTable table) =>
        [.. table.Rows.Select(row => new[] { row.Key }.Concat(row.Cells.Select(c => c.Length == 0 ? OutcomesText.English["none"] : c)).ToArray())];

    /// <summary>The CSV's names of a table's columns, in the page's order (read from the headings).</summary>
    private static string[] Columns(Browser browser, string key)
    {
        var table = OutcomeTables.Of(new ClinicOutcomes(ClinicOutcomes.WindowOf(NewYork, DateTime.UtcNow), [], [], [], [], [], new RedFlagFigures(0, 0, null)))
            .Single(t => t.Key == key);
        var headings = browser.Document.QuerySelectorAll($"table#{key} thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
        headings.ShouldBe(table.Columns.Select(c => c.Heading));
        return [.. table.Columns.Select(c => c.Key)];
    }
}
