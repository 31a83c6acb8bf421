using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackCare.Clinical.Language.Identification;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Risk;
using BackCare.Web.Clinician;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

/// <summary>
/// The chart's parts of issue 17 that a clinician reads as a record: the STarT Back scores over time, the warning signs
/// ticked in the diary marked on its table and chart, the person's language, and no word on the page that is not in
/// the language files.
/// </summary>
public sealed class PatientChartTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_three_STarT_Back_screens_When_the_clinician_opens_the_chart_Then_each_is_listed_newest_first_with_its_date_scores_and_risk_group_and_drawn_and_the_read_is_audited()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, accountId) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Sol Screens");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "routine");
        var now = DateTime.UtcNow;
        await AddScreenAsync(id, 7, 5, RiskGroup.High, now.AddDays(-28));
        await AddScreenAsync(id, 5, 2, RiskGroup.Medium, now.AddDays(-14));
        await AddScreenAsync(id, 2, 1, RiskGroup.Low, now.AddDays(-1));

        await clinician.Open($"/clinic/patients/{id}");

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = clinician.Document.QuerySelectorAll("table.screens-table tbody tr")
            .Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        rows.Select(r => (r[0], r[2], r[3], r[4])).ShouldBe(
            [("3", "2", "1", "Low risk"), ("2", "5", "2", "Medium risk"), ("1", "7", "5", "High risk")]);
        rows[0][1].ShouldContain(now.AddDays(-1).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture).Split(' ')[1]);
        rows[2][1].ShouldNotBe(rows[0][1]);
        var chart = clinician.Document.QuerySelector("svg#screens").ShouldNotBeNull("two screens or more are drawn as a line");
        chart.QuerySelectorAll("circle.trend-pain-mark").Length.ShouldBe(3);
        chart.QuerySelectorAll("rect.trend-function-mark").Length.ShouldBe(3);
        var reads = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == id && e.ActorId == accountId && e.Action == AuditAction.Read).Select(e => e.ResourceType).ToListAsync());
        reads.ShouldContain(nameof(RiskScreen));
    }

    [Fact]
    public async Task Given_a_patient_with_no_screen_When_the_clinician_opens_the_chart_Then_it_says_so_and_draws_nothing()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Nell Noscreen");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "routine");

        await clinician.Open($"/clinic/patients/{id}");

        clinician.Text.ShouldContain(PageText.English["chart_screens_none"]);
        clinician.Document.QuerySelector("svg#screens").ShouldBeNull();
    }

    [Fact]
    public async Task Given_a_diary_with_a_warning_sign_ticked_on_one_day_When_the_clinician_opens_the_chart_Then_that_days_row_names_it_with_a_mark_and_the_chart_marks_that_day_only()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Dora Diaryflag");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine");
        using (var quiet = await person.PostAsJsonAsync("/api/diary", new { painScore = 4, spasms = 1 }))
        {
            quiet.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // The check and the quiet entry two days back, so that the entry with the sign is on a later day of the trend.
        await InDbAsync(factory, async db =>
        {
            var back = DateTime.UtcNow.AddDays(-2);
            await db.SavedAssessments.Where(a => a.OwnerId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedUtc, back.AddHours(-1)));
            return await db.DiaryEntries.Where(e => e.OwnerId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedUtc, back));
        });
        using (var flagged = await person.PostAsJsonAsync("/api/diary", new
        {
            painScore = 7, spasms = 2, findings = new Dictionary<string, object> { ["bladder_dysfunction"] = true },
        }))
        {
            flagged.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await clinician.Open($"/clinic/patients/{id}");

        var rows = clinician.Document.QuerySelectorAll("table.diary-days-table tbody tr").ToList();
        rows.Count.ShouldBe(2);
        rows[0].ClassList.ShouldNotContain("diary-flagged");
        rows[0].QuerySelector("td.diary-flags")!.TextContent.Trim().ShouldBe(PageText.English["chart_diary_flags_none"]);
        rows[1].ClassList.ShouldContain("diary-flagged");
        var flags = rows[1].QuerySelector("td.diary-flags")!;
        flags.QuerySelector("strong.flag-mark")!.TextContent.ShouldContain(PageText.English["chart_diary_flag_mark"], customMessage: "marked in words, not by colour alone");
        flags.TextContent.ShouldContain(WorklistWords.Finding("bladder_dysfunction"));
        rows[1].QuerySelector("td")!.TextContent.Trim().ShouldBe("7");

        var entries = clinician.Document.QuerySelectorAll("table.diary-entries tbody tr").ToList();
        entries.Select(e => e.QuerySelector("td.diary-pain")!.TextContent.Trim()).ShouldBe(["7", "4"], "entry by entry, newest first");
        entries[0].ClassList.ShouldContain("diary-flagged");
        entries[0].QuerySelector("td.diary-flags strong.flag-mark").ShouldNotBeNull();
        entries[1].QuerySelector("td.diary-flags")!.TextContent.Trim().ShouldBe(PageText.English["chart_diary_flags_none"]);

        var chart = clinician.Document.QuerySelector("svg#trend")!;
        var marks = chart.QuerySelectorAll("path.trend-flag-mark");
        marks.Length.ShouldBe(1, "one triangle, over the day with the sign");
        var painMarks = chart.QuerySelectorAll("circle.trend-pain-mark").Select(c => c.GetAttribute("cx")).ToList();
        marks[0].GetAttribute("d")!.ShouldStartWith("M" + painMarks[^1] + " ", customMessage: "over the later day's pain mark");
        chart.QuerySelector("title")!.TextContent.ShouldBe(PageText.English["chart_diary_label"]);
        clinician.Text.ShouldContain(PageText.English["chart_diary_legend"]);
    }

    [Fact]
    public async Task Given_three_diary_entries_in_one_day_When_the_clinician_opens_the_chart_Then_each_entry_is_listed_newest_first_with_its_clinic_time_pain_spasms_abilities_signs_and_note()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, accountId) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Erin Entries");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine");
        object[] written =
        [
            new { painScore = 6, spasms = 3, walk = "limited", sit = "normal", sleep = "not_at_all", work = "limited", notes = "Bad night." },
            new { painScore = 5, spasms = 0 },
            new
            {
                painScore = 8, spasms = 1, walk = "not_at_all", notes = "Numb between my legs since lunch.",
                findings = new Dictionary<string, object> { ["saddle_numbness"] = true },
            },
        ];
        foreach (var entry in written)
        {
            using var saved = await person.PostAsJsonAsync("/api/diary", entry);
            saved.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var times = await InDbAsync(factory, db => db.DiaryEntries.AsNoTracking().Where(e => e.OwnerId == id)
            .OrderByDescending(e => e.CreatedUtc).ThenByDescending(e => e.Id).Select(e => e.CreatedUtc).ToListAsync());

        await clinician.Open($"/clinic/patients/{id}");

        clinician.Document.QuerySelectorAll("table.diary-days-table tbody tr").Length.ShouldBe(1, "the chart's table stays one row a day");
        clinician.Document.GetElementById("diary-entries-shown")!.TextContent.Trim().ShouldBe(PageText.English.Format("chart_entries_shown", 1, 3, 3));
        var table = clinician.Document.QuerySelector("table.diary-entries")!;
        table.QuerySelector("caption")!.TextContent.Trim().ShouldBe(PageText.English["chart_entries_caption"]);
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        rows.Count.ShouldBe(3);
        var clinicZone = await InDbAsync(factory, db => db.Clinics.AsNoTracking().Where(c => c.Id == clinic).Select(c => c.TimeZoneId).SingleAsync());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(clinicZone);
        rows.Select(r => r.QuerySelector("th[scope=row]")!.TextContent.Trim()).ShouldBe(times.Select(t => WorklistWords.Local(t, zone)), "newest first, in the clinic's time");
        rows.Select(r => r.QuerySelector("td.diary-pain")!.TextContent.Trim()).ShouldBe(["8", "5", "6"]);
        rows.Select(r => r.QuerySelector("td.diary-spasms")!.TextContent.Trim()).ShouldBe(["1", "0", "3"]);

        var recovery = RecoveryText.English;
        string Ability(string ability, string level) =>
            PageText.English.Format("chart_entries_ability", recovery["diary_ability_" + ability], level == "" ? recovery["trend_not_given"] : recovery["diary_level_" + level]);
        rows[2].QuerySelectorAll("td.diary-abilities li").Select(li => li.TextContent.Trim())
            .ShouldBe([Ability("walk", "limited"), Ability("sit", "normal"), Ability("sleep", "not_at_all"), Ability("work", "limited")]);
        rows[1].QuerySelector("td.diary-abilities")!.TextContent.Trim().ShouldBe(recovery["trend_not_given"], "once, when they said none");
        rows[0].QuerySelectorAll("td.diary-abilities li").Select(li => li.TextContent.Trim())
            .ShouldBe([Ability("walk", "not_at_all"), Ability("sit", ""), Ability("sleep", ""), Ability("work", "")]);

        rows[0].ClassList.ShouldContain("diary-flagged");
        var flags = rows[0].QuerySelector("td.diary-flags")!;
        flags.QuerySelector("strong.flag-mark span[aria-hidden=true]")!.TextContent.Trim().ShouldBe("\u25b2", "a shape");
        flags.QuerySelector("strong.flag-mark")!.TextContent.ShouldContain(PageText.English["chart_diary_flag_mark"], customMessage: "and words, not colour alone");
        flags.TextContent.ShouldContain(WorklistWords.Finding("saddle_numbness"));
        rows[1].ClassList.ShouldNotContain("diary-flagged");
        rows[1].QuerySelector("td.diary-flags")!.TextContent.Trim().ShouldBe(PageText.English["chart_diary_flags_none"]);

        rows.Select(r => r.QuerySelector("td.diary-note")!.TextContent.Trim())
            .ShouldBe(["Numb between my legs since lunch.", PageText.English["chart_entries_no_note"], "Bad night."]);
        clinician.Document.QuerySelector("nav.pager").ShouldBeNull("three entries fit on one page");
        var reads = await InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == id && e.ActorId == accountId && e.Action == AuditAction.Read).Select(e => e.ResourceType).ToListAsync());
        reads.ShouldContain(nameof(BackCare.Data.Diary.DiaryEntry));
    }

    [Fact]
    public async Task Given_more_diary_entries_than_a_page_When_the_clinician_follows_older_and_newer_Then_each_page_lists_its_entries_newest_first_without_script_and_each_view_is_audited()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, accountId) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Olly Older");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine");
        var total = PatientModel.DiaryPageSize + 3;
        for (var i = 0; i < total; i++)
        {
            using var saved = await person.PostAsJsonAsync("/api/diary", new { painScore = i % 11, spasms = i, notes = $"Entry {i + 1}" });
            saved.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await clinician.Open($"/clinic/patients/{id}");

        Notes(clinician).ShouldBe(Enumerable.Range(4, PatientModel.DiaryPageSize).Reverse().Select(n => $"Entry {n}"));
        clinician.Document.GetElementById("diary-entries-shown")!.TextContent.Trim()
            .ShouldBe(PageText.English.Format("chart_entries_shown", 1, PatientModel.DiaryPageSize, total));
        var pager = clinician.Document.QuerySelector("nav.pager")!;
        pager.GetAttribute("aria-label").ShouldBe(PageText.English["chart_entries_pages_label"]);
        pager.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ShouldBe([PageText.English["chart_entries_older"]]);
        var before = await DiaryReadsAsync(id, accountId);

        await clinician.FollowLink(PageText.English["chart_entries_older"]);

        clinician.Address.ShouldBe($"/clinic/patients/{id}?diary=2#diary-entries");
        Notes(clinician).ShouldBe(["Entry 3", "Entry 2", "Entry 1"]);
        clinician.Document.GetElementById("diary-entries-shown")!.TextContent.Trim()
            .ShouldBe(PageText.English.Format("chart_entries_shown", PatientModel.DiaryPageSize + 1, total, total));
        clinician.Document.QuerySelectorAll("nav.pager a").Select(a => a.TextContent.Trim())
            .ShouldBe([PageText.English["chart_entries_newest"], PageText.English["chart_entries_newer"]]);
        (await DiaryReadsAsync(id, accountId)).ShouldBe(before + 1, "the older page is a read of the diary too");

        await clinician.Open($"/clinic/patients/{id}?diary=99");
        Notes(clinician).ShouldBe(["Entry 3", "Entry 2", "Entry 1"], "past the last page shows the last");
        await clinician.FollowLink(PageText.English["chart_entries_newer"]);
        Notes(clinician)[0].ShouldBe($"Entry {total}");
    }

    [Fact]
    public async Task Given_a_person_whose_checks_are_English_and_who_writes_in_Spanish_When_the_clinician_opens_the_chart_Then_the_language_says_both_by_name()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Lola Lengua");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "routine");

        await clinician.Open($"/clinic/patients/{id}");
        Language(clinician).ShouldBe(PageText.English.Format("language_checks", "English"));

        foreach (var body in new[] { "Hola, me duele mucho la espalda y no puedo dormir por la noche.", "Gracias por la respuesta, el dolor es peor hoy." })
        {
            using var sent = await SendMessage(person, clinic, body);
            sent.IsSuccessStatusCode.ShouldBeTrue();
        }

        await clinician.Open($"/clinic/patients/{id}");
        Language(clinician).ShouldBe(PageText.English.Format(
            "language_both", PageText.English.Format("language_checks", "English"), PageText.English.Format("language_written", "Spanish", 2, 2)));
    }

    [Fact]
    public void Given_every_language_the_identifier_names_When_the_chart_names_it_Then_the_name_comes_from_the_language_file()
    {
        foreach (var language in LanguageIdentifier.Languages)
        {
            PageText.English.Has("language_" + language.Code).ShouldBeTrue($"pages.json names {language.Name} as language_{language.Code}");
            PatientLanguage.Name(PageText.English, language.Code).ShouldBe(language.Name);
        }
    }

    [Theory]
    [InlineData("""{"id":"a","age":40,"findings":{"pain_score":3}}""", "Hello, my back hurts.", "en", null)]
    [InlineData("""{"id":"a","age":40,"narrative":"Me duele la espalda desde ayer cuando levanté una caja muy pesada.","findings":{"pain_score":3}}""", "👍", "en", "es")]
    [InlineData("""{"id":"a","age":40,"narrative":"Me duele la espalda desde ayer cuando levanté una caja muy pesada.","findings":{"pain_score":3}}""", "Thanks, the pain is better today and I can walk.", "en", null)]
    [InlineData("""{"id":"a","age":40,"language":"en","findings":{"pain_score":3}}""", "🙂🙂", "en", null)]
    public void Given_stored_cases_and_messages_When_the_language_is_read_Then_checks_and_own_words_are_told_apart(string caseJson, string message, string checks, string? written)
    {
        var language = PatientLanguage.Of([caseJson], [message]);

        language.ChecksCode.ShouldBe(checks);
        language.WrittenCode.ShouldBe(written);
    }

    [Fact]
    public void Given_no_check_and_no_message_When_the_language_is_read_Then_it_is_not_known()
    {
        PatientLanguage.Of([], []).Describe(PageText.English).ShouldBe(PageText.English["language_unknown"]);
    }

    [Fact]
    public async Task Given_a_full_chart_When_it_renders_Then_every_heading_label_caption_button_and_line_of_its_own_comes_from_the_language_files()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Wes Words");
        using var _p = person;
        await JoinAsync(factory, clinic, id, "urgent");
        using (var flagged = await person.PostAsJsonAsync("/api/diary", new
        {
            painScore = 7, spasms = 2, findings = new Dictionary<string, object> { ["bladder_dysfunction"] = true },
        }))
        {
            flagged.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await AddScreenAsync(id, 5, 2, RiskGroup.Medium, DateTime.UtcNow.AddDays(-14));
        await AddScreenAsync(id, 2, 1, RiskGroup.Low, DateTime.UtcNow.AddDays(-1));
        using (var sent = await SendMessage(person, clinic, "Is walking fine?"))
        {
            sent.IsSuccessStatusCode.ShouldBeTrue();
        }

        await clinician.Open($"/clinic/patients/{id}");
        await clinician.Submit(new() { ["body"] = "Yes, walk a little every hour." }, "form[action*=Reply]");
        await clinician.Submit(new() { ["body"] = "Bladder sign: call today." }, "form[action*=Note]");
        await clinician.Open($"/clinic/patients/{id}");

        var templates = LanguageFileTemplates();
        var own = clinician.Document.QuerySelectorAll(
            "main > h2, main > p, main dt, main th[scope=col], main caption, main label, main button, main summary, main p.hint, main option, main .flag-mark")
            .Select(e => Regex.Replace(e.TextContent, @"\s+", " ").Trim().TrimStart('\u25b2').Trim())
            .Where(t => t.Length > 0 && t != "Dr. Ada Moss")
            .ToList();
        own.Count.ShouldBeGreaterThan(40, "the test reads the whole page");
        own.Where(t => !templates.Any(template => template.IsMatch(t))).ShouldBeEmpty("words on the chart that are in no language file");
    }

    [Fact]
    public async Task Given_a_patient_raised_for_recovery_stalled_at_four_weeks_When_the_clinician_opens_the_chart_Then_why_names_the_stall_and_its_milestone_as_the_worklist_row_does_until_acknowledged()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, clinicianAccount) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Stan Stuck");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "self_care", DateTime.UtcNow.AddDays(-28));
        (await InDbAsync(factory, db => WorklistUpdater.RaiseAsync(db, WorklistNews.Stalled(clinic, id, 28), DateTime.UtcNow))).ShouldBe(1);

        await clinician.Open($"/clinic/patients/{id}");

        var stalled = PageText.English["patients_why_stalled_28"];
        Why(clinician).ShouldBe(stalled);
        stalled.ShouldContain("4 weeks", Case.Sensitive, "the words name the milestone");
        await clinician.Open("/clinic");
        clinician.Document.QuerySelectorAll("table.worklist tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Stan Stuck")
            .QuerySelector("td.why")!.TextContent.Trim().ShouldBe(stalled, "the chart says what the worklist's row says");

        var row = await InDbAsync(factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.ClinicId == clinic && p.PatientId == id));
        (await InDbAsync(factory, db => WorklistUpdater.AcknowledgeAsync(db, clinic, id, row.LastActivityUtc, clinicianAccount, DateTime.UtcNow)))
            .ShouldBe(AcknowledgeOutcome.Acknowledged);
        await clinician.Open($"/clinic/patients/{id}");
        Why(clinician).ShouldBe(WorklistWords.Disposition("self_care"), "acknowledged, the stall is no longer why they wait");
    }

    [Fact]
    public async Task Given_a_patient_whose_recovery_never_stalled_When_the_clinician_opens_the_chart_Then_why_names_their_disposition_and_no_stall()
    {
        var clinic = await AddClinicAsync(factory);
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _b = clinician;
        var (person, id) = await PersonAsync(factory, "Paula Progress");
        person.Dispose();
        await JoinAsync(factory, clinic, id, "routine");

        await clinician.Open($"/clinic/patients/{id}");

        Why(clinician).ShouldBe(WorklistWords.Disposition("routine"));
        Why(clinician).ShouldNotContain("stalled", Case.Insensitive);
    }

    private async Task AddScreenAsync(Guid owner, int total, int psychosocial, RiskGroup group, DateTime whenUtc) =>
        await InDbAsync(factory, async db =>
        {
            var screen = new RiskScreen(owner, """{"answers":[]}""", total, psychosocial, group);
            db.RiskScreens.Add(screen);
            await db.SaveChangesAsync();
            return await db.RiskScreens.Where(r => r.Id == screen.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedUtc, whenUtc));
        });

    private static List<string> Notes(Browser browser) =>
        [.. browser.Document.QuerySelectorAll("table.diary-entries tbody td.diary-note").Select(td => td.TextContent.Trim())];

    private Task<int> DiaryReadsAsync(Guid subject, Guid actor) => InDbAsync(factory, db => db.AuditEvents.AsNoTracking()
        .CountAsync(e => e.SubjectId == subject && e.ActorId == actor && e.Action == AuditAction.Read && e.ResourceType == nameof(BackCare.Data.Diary.DiaryEntry)));

    private static string Why(Browser browser) => browser.Document.GetElementById("chart-why")!.TextContent.Trim();

    private static string Language(Browser browser) => browser.Document.GetElementById("patient-language")!.TextContent.Trim();

    /// <summary>
    /// Every text of the web app's language files as a pattern: each <c>{0}</c> stands for any words put into it. A text
    /// with no word of its own ("{0}", "{0}, {1}") would match anything, so it is left out.
    /// </summary>
    private static List<Regex> LanguageFileTemplates() => [.. Repository.PageTexts()
        .Where(text => Regex.IsMatch(Regex.Replace(text, @"\{\d+(:[^}]*)?}", ""), @"\p{L}"))
        .Select(text => new Regex(
            "^" + Regex.Replace(Regex.Escape(Regex.Replace(text, @"\s+", " ").Trim()), @"\\\{\d+(:[^}]*)?}", ".+") + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
}
