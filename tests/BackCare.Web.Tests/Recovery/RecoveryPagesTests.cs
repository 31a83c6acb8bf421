using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using BackCare.Clinical;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Plans;
using BackCare.Data.Risk;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Navigation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Recovery;

/// <summary>The today page, the diary form and the risk screen through the real host: people sign up on the real pages.</summary>
public sealed class RecoveryPagesTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    /// <summary>A 41-year-old whose back went into spasm lifting a day ago: home care, pain 7.</summary>
    private const string SimpleSpasm = """{"id":"first","age":41,"findings":{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower"}}""";

    // Items 1-8 yes/no, then how bothersome (0 not at all .. 4 extremely).
    private static readonly string[] LowAnswers = ["no", "no", "yes", "no", "no", "no", "no", "no", "1"];
    private static readonly string[] HighAnswers = ["yes", "no", "yes", "no", "yes", "yes", "yes", "yes", "4"];

    [Fact]
    public async Task Given_today_plan_When_shown_Then_each_step_names_its_source_in_words_linked_to_the_source_list_and_no_source_key_is_visible()
    {
        using var browser = await PersonWithFirstCheck();

        await browser.Open("/today");

        var steps = browser.Document.QuerySelectorAll("form.checklist .choice");
        steps.Length.ShouldBeGreaterThan(1);
        foreach (var step in steps)
        {
            var link = step.QuerySelector(".source a").ShouldNotBeNull("every step names its source");
            link.GetAttribute("href")!.ShouldStartWith("/sources#");
            link.TextContent.ShouldNotBeNullOrWhiteSpace();
        }

        browser.Document.QuerySelector("form.checklist label")!.TextContent.ShouldNotContain("Source", Case.Sensitive, "the checkbox is named by its step alone");
        SourceKeysShouldNotBeVisible(browser);
    }

    [Fact]
    public async Task Given_a_person_with_a_saved_check_When_they_answer_the_risk_screen_with_high_risk_answers_Then_the_group_is_stored_and_today_plan_gets_the_high_intensity_steps()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/today");
        browser.Document.QuerySelector("a[href='/risk']").ShouldNotBeNull("the screen is offered once the first check is saved");
        StepIds(browser).ShouldNotContain("risk-high-informed-therapy");

        await AnswerRiskScreen(browser, HighAnswers);

        browser.Address.ShouldStartWith("/risk/result/");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldContain("High risk");
        SourceKeysShouldNotBeVisible(browser);
        var stored = await InDatabase(db => db.RiskScreens.SingleAsync(r => r.OwnerId == Owner(browser)));
        stored.Group.ShouldBe(RiskGroup.High);
        stored.TotalScore.ShouldBe(7);
        stored.PsychosocialScore.ShouldBe(5);
        stored.AnswersJson.ShouldContain("\"leg-pain\":true");

        await browser.Open("/today");
        StepIds(browser).ShouldContain("risk-high-informed-therapy");
        StepIds(browser).ShouldContain("risk-high-doctor-review");
        StepIds(browser).ShouldNotContain("risk-low-self-care");
        browser.Document.QuerySelector("a[href='/risk']").ShouldBeNull("the screen is not due again for two weeks");
        browser.Text.ShouldContain("high risk");
        SourceKeysShouldNotBeVisible(browser);
    }

    [Fact]
    public async Task Given_a_high_risk_screen_When_the_person_screens_again_with_low_risk_answers_Then_the_plan_follows_the_latest_group()
    {
        using var browser = await PersonWithFirstCheck();
        await AnswerRiskScreen(browser, HighAnswers);

        await AnswerRiskScreen(browser, LowAnswers);

        browser.Document.QuerySelector("h1")!.TextContent.ShouldContain("Low risk");
        await browser.Open("/today");
        StepIds(browser).ShouldContain("risk-low-self-care");
        StepIds(browser).ShouldNotContain("risk-high-informed-therapy");
    }

    [Fact]
    public async Task Given_a_risk_question_When_continued_without_an_answer_Then_the_page_says_to_choose_and_nothing_is_stored()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/risk/question/1");

        await browser.Submit([], "main form");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Document.Title!.ShouldStartWith("Error: ");
        browser.Document.QuerySelector(".error-summary a")!.GetAttribute("href").ShouldBe("#answer-yes");
        browser.Document.ShouldShowTheProblemTheSitesWay("answer", "answer-yes");
        (await InDatabase(db => db.RiskScreens.CountAsync(r => r.OwnerId == Owner(browser)))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_the_diary_form_When_the_pain_is_not_a_number_Then_the_error_names_the_field_and_what_was_typed_stays()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit(
            [Field("pain", "eleven"), Field("spasms", "2"), Field("walk", "limited"), Field("sign", "fever"), Field("helped", "heat"),
             Field("notes", "Bad night <b>again</b>")],
            "main form");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Document.Title!.ShouldStartWith("Error: ");
        var summary = browser.Document.QuerySelector(".error-summary")!;
        summary.QuerySelector("a")!.GetAttribute("href").ShouldBe("#pain");
        summary.TextContent.ShouldContain("pain");
        browser.Document.ShouldShowTheProblemTheSitesWay("pain", "pain");
        browser.Document.QuerySelector("#pain")!.GetAttribute("aria-invalid").ShouldBe("true");
        browser.Document.QuerySelector("#pain")!.GetAttribute("value").ShouldBe("eleven");
        browser.Document.QuerySelector("#spasms")!.GetAttribute("value").ShouldBe("2");
        Checked(browser, "#walk-limited").ShouldBeTrue();
        Checked(browser, "#sign-fever").ShouldBeTrue();
        Checked(browser, "#helped-heat").ShouldBeTrue();
        browser.Document.QuerySelector("#notes")!.TextContent.ShouldBe("Bad night <b>again</b>");
        browser.Document.QuerySelector("#spasms-error").ShouldBeNull();
        (await InDatabase(db => db.DiaryEntries.CountAsync(e => e.OwnerId == Owner(browser)))).ShouldBe(0);
    }

    [Theory]
    [InlineData("-1", "spasms")]
    [InlineData("", "spasms")]
    public async Task Given_the_diary_form_When_spasms_are_missing_or_negative_Then_the_spasms_field_is_named(string spasms, string field)
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit([Field("pain", "4"), Field("spasms", spasms)], "main form");

        browser.Document.QuerySelector(".error-summary a")!.GetAttribute("href").ShouldBe("#" + field);
        browser.Document.QuerySelector($"#{field}-error").ShouldNotBeNull();
        browser.Document.QuerySelector("#pain")!.GetAttribute("value").ShouldBe("4");
    }

    [Fact]
    public async Task Given_the_diary_form_When_walking_has_a_level_the_page_does_not_offer_Then_the_summary_links_to_its_first_choice_and_the_section_opens()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit([Field("pain", "4"), Field("spasms", "1"), Field("walk", "sideways")], "main form");

        browser.Document.ShouldShowTheProblemTheSitesWay("walk", "walk-normal");
        browser.Document.QuerySelector("#section-abilities")!.HasAttribute("open").ShouldBeTrue("the fold with the problem opens");
        (await InDatabase(db => db.DiaryEntries.CountAsync(e => e.OwnerId == Owner(browser)))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_the_diary_form_When_new_bladder_trouble_is_ticked_Then_the_emergency_message_comes_first_with_the_number_to_call()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit([Field("pain", "6"), Field("spasms", "1"), Field("sign", "bladder_dysfunction")], "main form");

        browser.Address.ShouldBe("/diary/saved");
        var main = browser.Document.QuerySelector("main")!;
        var first = main.FirstElementChild!;
        first.ClassList.ShouldContain("disposition-emergency");
        first.GetAttribute("role").ShouldBe("alert");
        main.QuerySelector("h1")!.TextContent.ShouldBe("Get emergency help now");
        main.QuerySelector("a.call")!.GetAttribute("href").ShouldBe("tel:911");
        main.TextContent.ShouldContain("New trouble with peeing");
        main.TextContent.ShouldNotContain("How you are doing", customMessage: "the plan's progress and next step would contradict going now");
        var entry = await InDatabase(db => db.DiaryEntries.SingleAsync(e => e.OwnerId == Owner(browser)));
        entry.RedFlag.ShouldBeTrue();
        entry.Disposition.ShouldBe("emergency");

        await browser.Open("/diary/saved");
        browser.Address.ShouldBe("/today", "the result is shown once; reloading never writes the entry again");
        browser.Document.QuerySelector("[role=alert].disposition-emergency").ShouldNotBeNull("today keeps warning about the last entry");
    }

    [Fact]
    public async Task Given_a_diary_entry_with_lower_pain_When_saved_Then_progress_shows_without_an_alarm_and_today_trend_has_the_day()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit(
            [Field("pain", "3"), Field("spasms", "0"), Field("walk", "normal"), Field("sit", "limited"), Field("sleep", "normal"), Field("work", "not_at_all"),
             Field("medicine", "nsaid"), Field("medicine_other", "Magnesium"), Field("helped", "walking"), Field("notes", "Better")],
            "main form");

        browser.Address.ShouldBe("/diary/saved");
        browser.Document.QuerySelector("a.call").ShouldBeNull();
        browser.Document.QuerySelector("[role=alert]").ShouldBeNull();
        browser.Text.ShouldContain("clearly lower");
        browser.Document.QuerySelectorAll(".reasons .source a").ShouldNotBeEmpty();
        SourceKeysShouldNotBeVisible(browser);
        var entry = await InDatabase(db => db.DiaryEntries.SingleAsync(e => e.OwnerId == Owner(browser)));
        entry.PainScore.ShouldBe(3);
        entry.MedicinesTaken!.ShouldContain("Magnesium");
        entry.WorkLevel.ShouldBe(BackCare.Data.Diary.AbilityLevel.NotAtAll);

        await browser.Open("/today");
        var row = browser.Document.QuerySelectorAll(".trend-table tbody tr").ShouldHaveSingleItem();
        row.QuerySelectorAll("th, td").Select(c => c.TextContent).ShouldBe(["1", "3", "5"]);
        browser.Document.QuerySelector(".trend-table caption").ShouldNotBeNull();
        browser.Document.QuerySelector("svg.trend[role=img]").ShouldNotBeNull();
        browser.Document.QuerySelectorAll("svg.trend circle").Length.ShouldBe(1);
    }

    [Fact]
    public async Task Given_today_checklist_When_steps_are_ticked_and_saved_Then_the_ticks_are_there_on_the_next_visit_and_unticking_removes_them()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/today");
        var steps = StepIds(browser);
        steps.ShouldContain("cold-first");
        steps.ShouldContain("stay-active");
        steps.ShouldNotContain("heat", "heat starts on day 3 and the pain began a day ago");

        await browser.Submit([Field("done", "cold-first"), Field("done", "stay-active"), Field("done", "not-a-step")], "form.checklist");

        browser.Address.ShouldStartWith("/today");
        browser.Text.ShouldContain("Saved");
        Ticked(browser).ShouldBe(["stay-active", "cold-first"], ignoreOrder: true);
        await browser.Open("/today");
        Ticked(browser).ShouldBe(["stay-active", "cold-first"], ignoreOrder: true);

        await browser.Submit([Field("done", "stay-active")], "form.checklist");

        Ticked(browser).ShouldBe(["stay-active"]);
        var rows = await InDatabase(db => db.PlanStepTicks.Where(t => t.OwnerId == Owner(browser)).ToListAsync());
        rows.ShouldHaveSingleItem().StepId.ShouldBe("stay-active");
        rows[0].PlanDay.ShouldBe(0);
    }

    [Fact]
    public async Task Given_two_people_When_one_writes_a_diary_ticks_steps_and_screens_Then_the_other_sees_none_of_it_and_gets_404_for_their_screen()
    {
        using var me = await PersonWithFirstCheck();
        await me.Open("/diary/new");
        await me.Submit([Field("pain", "9"), Field("spasms", "4")], "main form");
        await me.Open("/today");
        await me.Submit([Field("done", "stay-active")], "form.checklist");
        await AnswerRiskScreen(me, HighAnswers);
        var myScreen = me.Address;

        using var other = await PersonWithFirstCheck();
        await other.Open("/today");

        other.Document.QuerySelector(".trend-table").ShouldBeNull("they have written no diary");
        Ticked(other).ShouldBeEmpty();
        StepIds(other).ShouldNotContain("risk-high-informed-therapy");
        other.Document.QuerySelector("[role=alert]").ShouldBeNull();
        await other.Open(myScreen);
        other.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        other.Text.ShouldNotContain("High risk");
    }

    [Fact]
    public async Task Given_someone_not_signed_in_When_opening_today_diary_or_risk_Then_they_are_sent_to_sign_in()
    {
        using var browser = new Browser(factory);
        foreach (var page in new[] { "/today", "/diary/new", "/risk/question/1" })
        {
            await browser.Open(page);

            browser.Redirects.ShouldNotBeEmpty();
            browser.Address.ShouldStartWith("/account/sign-in");
        }
    }

    [Fact]
    public async Task Given_a_person_When_they_open_today_Then_the_reads_of_their_assessment_diary_and_ticks_are_in_their_audit_trail()
    {
        using var browser = await PersonWithFirstCheck();
        var before = DateTime.UtcNow.AddSeconds(-1);

        await browser.Open("/today");

        var id = Owner(browser);
        var reads = await InDatabase(db =>
        {
            var owner = id;
            return db.AuditEvents.Where(e => e.SubjectId == owner && e.Action == AuditAction.Read).Select(e => e.ResourceType).ToListAsync();
        });
        reads.ShouldContain("SavedAssessment");
        reads.ShouldContain("DiaryEntry");
        reads.ShouldContain("PlanStepTick");
        reads.ShouldContain("RiskScreen");
        var actors = await InDatabase(db => db.AuditEvents.Where(e => e.AtUtc >= before && e.ResourceType == "DiaryEntry").Select(e => e.ActorId).ToListAsync());
        actors.ShouldAllBe(a => a != null);
    }

    [Fact]
    public void Given_the_recovery_words_When_read_Then_every_key_the_pages_use_has_text()
    {
        var text = BackCare.Web.Text.RecoveryText.English;
        foreach (var group in new[] { "low", "medium", "high" })
        {
            text["risk_result_title_" + group].ShouldNotBeNullOrWhiteSpace();
            text["risk_result_explain_" + group].ShouldNotBeNullOrWhiteSpace();
            text["risk_group_" + group].ShouldNotBeNullOrWhiteSpace();
        }

        foreach (var level in BackCare.Web.Diary.DiaryPage.Levels)
        {
            text["diary_level_" + level].ShouldNotBeNullOrWhiteSpace();
        }

        ClinicalText.SourceKeys.ShouldContain("STARTBACK");
    }

    /// <summary>A person who signed up on the page and saved a first check (the assessment API keeps a signed-in person's result).</summary>
    private async Task<Browser> PersonWithFirstCheck()
    {
        var browser = new Browser(factory);
        var email = Accounts.Accounts.NewEmail();
        await browser.SignUp(email);
        browser.Address.ShouldBe("/account");
        using var saved = await browser.Client.PostAsync("/api/assessments", new StringContent(SimpleSpasm, Encoding.UTF8, "application/json"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        saved.Headers.Location.ShouldNotBeNull("a signed-in person's check is saved");
        _owners[browser] = await InDatabase(db => db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        return browser;
    }

    private readonly Dictionary<Browser, Guid> _owners = [];

    private Guid Owner(Browser browser) => _owners[browser];

    private static async Task AnswerRiskScreen(Browser browser, string[] answers)
    {
        await browser.Open("/risk");
        SourceKeysShouldNotBeVisible(browser);
        await browser.FollowLink("Start now");
        for (var i = 0; i < answers.Length; i++)
        {
            browser.Address.ShouldStartWith($"/risk/question/{i + 1}");
            browser.Document.QuerySelector(".step")!.TextContent.ShouldBe($"Question {i + 1} of 9");
            await browser.Submit([Field("answer", answers[i])], "main form");
        }
    }

    /// <summary>A patient reads a source's name; its key (CKS-RF, NICE-NG59) is for the clinical brief.</summary>
    private static void SourceKeysShouldNotBeVisible(Browser browser)
    {
        var main = browser.Document.QuerySelector("main")!.TextContent;
        foreach (var key in ClinicalText.SourceKeys)
        {
            main.ShouldNotContain(key, Case.Sensitive, $"{browser.Address} shows the source key {key}");
        }
    }

    private static List<string> StepIds(Browser browser) =>
        [.. browser.Document.QuerySelectorAll("form.checklist input[name=done]").Select(i => i.GetAttribute("value")!)];

    private static List<string> Ticked(Browser browser) =>
        [.. browser.Document.QuerySelectorAll("form.checklist input[name=done]").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value)];

    private static bool Checked(Browser browser, string selector) => ((IHtmlInputElement)browser.Document.QuerySelector(selector)!).IsChecked;

    private static KeyValuePair<string, string> Field(string name, string value) => KeyValuePair.Create(name, value);

    private async Task<T> InDatabase<T>(Func<BackCareDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BackCareDbContext>());
    }
}
