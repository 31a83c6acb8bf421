using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Xunit.Abstractions;

namespace BackCare.Web.Tests.Check;

public sealed partial class ResultPageTests(BackCareFactory factory, ITestOutputHelper output) : IClassFixture<BackCareFactory>
{
    /// <summary>The words shown before anything is opened; the issue measured 1,086 for the whole page.</summary>
    private const int MostVisibleWords = 450;

    [Fact]
    public async Task Given_a_simple_spasm_When_the_result_is_shown_Then_when_to_get_help_is_said_once_with_the_number_and_no_banner()
    {
        var page = await HomeCareResult();

        var safetyNets = page.Document.QuerySelectorAll(".safety-net");
        safetyNets.Length.ShouldBe(1);
        safetyNets[0].TextContent.ShouldContain("Emergency number: 911");
        var main = page.Document.QuerySelector("main")!.TextContent;
        Regex.Count(main, "call the emergency number", RegexOptions.IgnoreCase).ShouldBe(1, "the signs to act on are said once");
        Regex.Count(main, "numbness around your bottom", RegexOptions.IgnoreCase).ShouldBe(1);
        page.Document.QuerySelector(".banner").ShouldBeNull("the card says when to call; the banner would say it a second time");
    }

    [Fact]
    public async Task Given_a_simple_spasm_When_the_result_is_shown_Then_the_card_names_a_painkiller_with_its_dose_and_its_limit()
    {
        var page = await HomeCareResult();

        var medicine = page.Document.QuerySelectorAll(".do-now .medicine").Select(li => li.TextContent).ToList();
        var dose = medicine.Where(m => m.Contains("ibuprofen 200 mg", StringComparison.Ordinal)).ShouldHaveSingleItem();
        dose.ShouldContain("every 4 to 6 hours");
        dose.ShouldContain("At most 6 tablets (1,200 mg) in 24 hours");
        dose.ShouldContain("10 days");
        dose.ShouldContain("pack labels", Case.Sensitive, "the dose names its source in words");
        medicine.ShouldNotContain(m => m.Contains("65 or over", StringComparison.Ordinal), "a caution for older people is not for a 34-year-old");
    }

    [Fact]
    public async Task Given_a_check_without_a_risk_screen_When_the_result_is_shown_Then_no_step_asks_for_the_screen_again_or_for_night_cramps()
    {
        var page = await HomeCareResult();

        var main = page.Document.QuerySelector("main")!.TextContent;
        main.ShouldNotContain(ClinicalText.Step("risk-screen-again"));
        main.ShouldNotContain("risk screen", Case.Insensitive);
        main.ShouldNotContain("cramps", Case.Insensitive, "the check never asked about leg cramps at night");
    }

    [Fact]
    public async Task Given_a_simple_spasm_When_the_result_is_shown_Then_the_days_after_today_are_folded_and_the_visible_words_are_few()
    {
        var page = await HomeCareResult();

        page.Document.QuerySelectorAll(".plan h3").Length.ShouldBeGreaterThan(3);
        page.Document.QuerySelector(".plan details")!.HasAttribute("open").ShouldBeFalse("the days after today are one fold");
        page.Document.QuerySelector(".why details")!.HasAttribute("open").ShouldBeFalse("beside a plan the reasons are folded too");
        var main = page.Document.QuerySelector("main")!;
        var all = Words(main.TextContent);
        var folded = main.QuerySelectorAll("details").Sum(d => Words(d.TextContent) - Words(d.QuerySelector("summary")!.TextContent));
        output.WriteLine($"words: {all} in all, {all - folded} before anything is opened");
        (all - folded).ShouldBeLessThanOrEqualTo(MostVisibleWords);
    }

    [Fact]
    public async Task Given_a_result_When_read_Then_every_source_is_named_in_words_and_links_to_the_source_list()
    {
        var page = await HomeCareResult();

        var links = page.Document.QuerySelectorAll(".source a").OfType<IHtmlAnchorElement>().ToList();
        links.ShouldNotBeEmpty();
        links.ShouldAllBe(a => a.GetAttribute("href")!.StartsWith("/sources#", StringComparison.Ordinal));
        var main = page.Document.QuerySelector("main")!.TextContent;
        foreach (var key in ClinicalText.SourceKeys)
        {
            main.ShouldNotContain(key, Case.Sensitive, "a patient reads a source's name, not its key");
        }

        var named = page.Document.QuerySelectorAll(".sources li").Length;
        named.ShouldBeGreaterThan(1);
        page.Document.QuerySelector(".sources summary")!.TextContent.ShouldBe($"The {named} sources of this advice");

        var list = page.Clone();
        await list.Open("/sources");
        list.Response.IsSuccessStatusCode.ShouldBeTrue();
        foreach (var link in links)
        {
            var id = link.GetAttribute("href")!["/sources#".Length..];
            list.Document.GetElementById(id).ShouldNotBeNull($"the list has {id}").TextContent.ShouldContain(link.TextContent);
        }
    }

    [Fact]
    public async Task Given_a_home_care_result_When_the_plan_is_opened_for_printing_Then_it_stands_alone()
    {
        var page = await HomeCareResult();
        await page.FollowLink("Print the plan");

        page.Path.ShouldBe("/check/plan");
        var main = page.Document.QuerySelector("main")!.TextContent;
        main.ShouldContain("BackCare: your back care plan");
        Regex.IsMatch(main, @"Made on \d{1,2} [A-Z][a-z]+ \d{4}\.").ShouldBeTrue("the printed plan says the day it was made, in words");
        main.ShouldContain("In an emergency, call 911.");
        main.ShouldContain("Your clinic: ");
        page.Document.QuerySelectorAll(".key-answers dt").Select(dt => dt.TextContent).ShouldContain("Age");
        page.Document.QuerySelectorAll(".key-answers dd").Select(dd => dd.TextContent).ShouldContain("34");
        page.Document.QuerySelectorAll(".key-answers dd").Select(dd => dd.TextContent).ShouldNotContain("None of these");
        page.Document.QuerySelectorAll("main details").ShouldAllBe(d => d.HasAttribute("open"), "the plan, the reasons and the sources are open on paper");
        page.Document.QuerySelector(".sources details")!.HasAttribute("open").ShouldBeTrue();
        main.ShouldContain("ibuprofen 200 mg");
    }

    [Fact]
    public async Task Given_bladder_trouble_on_the_warning_sign_page_at_60_When_the_emergency_is_shown_Then_only_its_own_reason_is_given()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        await page.Submit("60");
        await page.Submit("male");
        page.Path.ShouldBe("/check/question/nerve_warning_signs");

        await page.Submit("bladder_dysfunction");

        page.Document.QuerySelector(".disposition-emergency").ShouldNotBeNull();
        var reasons = page.Document.QuerySelectorAll(".reasons li").Select(li => li.TextContent).ToList();
        reasons.ShouldHaveSingleItem().ShouldStartWith(ClinicalText.Rule("cauda-equina-bladder"));
        var main = page.Document.QuerySelector("main")!.TextContent;
        main.ShouldNotContain(ClinicalText.Rule("first-episode-over-50"), Case.Sensitive, "neither a first episode nor a strain was asked");
        page.Document.QuerySelector(".safety-net")!.TextContent.ShouldContain(ClinicalText.Rule("safety-net-emergency"));
        page.Document.QuerySelectorAll(".sources li").ShouldHaveSingleItem();
        page.Document.QuerySelector(".sources summary")!.TextContent.ShouldBe("The source of this advice", "one source is not 'the 1 sources'");
    }

    [Fact]
    public async Task Given_words_of_two_weeks_of_pain_and_then_a_red_flag_When_the_emergency_is_shown_Then_it_does_not_say_the_pain_is_not_getting_better()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/describe");
        var form = (IHtmlFormElement)page.Document.QuerySelector("form.describe")!;
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden")
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Append(KeyValuePair.Create("narrative", "My lower back has hurt for two weeks since I lifted a heavy box."))
            .ToList();
        await page.Post("/check/describe", fields);
        page.Document.QuerySelector("h1")!.TextContent.ShouldBe("This is what we understood");
        var understood = (IHtmlFormElement)page.Document.QuerySelector("form.understood")!;
        await page.Post("/check/describe?handler=continue", [.. understood.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" || (i.Type == "radio" && i.IsChecked) || i.Type == "text")
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))]);
        await page.Submit("45");
        await page.Submit("female");
        page.Path.ShouldBe("/check/question/nerve_warning_signs");

        await page.Submit("saddle_numbness");

        page.Document.QuerySelector(".disposition-emergency").ShouldNotBeNull();
        var main = page.Document.QuerySelector("main")!.TextContent;
        main.ShouldNotContain(ClinicalText.Rule("not-better-after-a-week"), Case.Sensitive, "how the pain is going was never asked");
        main.ShouldNotContain("not getting better", Case.Insensitive);
        page.Document.QuerySelectorAll(".reasons li").Select(li => li.TextContent).ShouldHaveSingleItem()
            .ShouldStartWith(ClinicalText.Rule("cauda-equina-saddle"));
    }

    [Theory]
    [InlineData(70, "", "caution-nsaid-over-65", "ibuprofen 200 mg")]
    [InlineData(40, "kidney_disease", "avoid-nsaid-kidney", "paracetamol (acetaminophen) 500 mg")]
    [InlineData(40, "blood_thinners", "avoid-nsaid-blood-thinners", "At most 8 tablets (4,000 mg)")]
    public void Given_a_person_for_whom_a_medicine_needs_care_When_the_card_is_made_Then_it_carries_that_check_and_the_dose_that_fits(
        int age, string finding, string check, string dose)
    {
        var view = HomeCareView(age, finding);

        var medicine = view.Medicine.Select(m => m.Label + " " + m.Text).ToList();
        medicine.ShouldContain(m => m.Contains(ClinicalText.Rule(check), StringComparison.Ordinal));
        medicine.ShouldContain(m => m.Contains(dose, StringComparison.Ordinal));
        view.Reasons.ShouldNotContain(r => r.Text == ClinicalText.Rule(check), "a medicine check is said once, in the card");
    }

    [Fact]
    public void Given_a_14_year_old_When_the_card_is_made_Then_it_gives_no_adult_dose_and_says_to_ask_a_pharmacist()
    {
        var view = HomeCareView(14, "");

        var medicine = string.Join("\n", view.Medicine.Select(m => m.Label + " " + m.Text));
        medicine.ShouldNotContain("200 mg");
        medicine.ShouldContain("pharmacist");
        medicine.ShouldContain("aspirin");
    }

    [Fact]
    public void Given_a_person_with_no_medicine_flags_When_the_card_is_made_Then_no_medicine_check_is_shown_that_does_not_apply()
    {
        var view = HomeCareView(34, "");

        var medicine = string.Join("\n", view.Medicine.Select(m => m.Text));
        foreach (var rule in BackCare.Clinical.Plans.MedicineSafety.Rules)
        {
            medicine.ShouldNotContain(ClinicalText.Rule(rule.Id));
        }

        medicine.ShouldNotContain("aspirin", Case.Insensitive, "the aspirin age limit is for people under 16");
    }

    [Fact]
    public void Given_every_piece_of_result_advice_When_loaded_Then_each_names_a_source_of_the_brief_with_a_short_name()
    {
        var view = HomeCareView(34, "");

        view.DoNow.Concat(view.Medicine).Concat(view.Days.SelectMany(d => d.Steps)).Concat(view.Reasons).Append(view.WhenToWorry!)
            .ShouldAllBe(a => ClinicalText.SourceKeys.Contains(a.Source.Key) && a.Source.ShortName != a.Source.Key);
        ResultText.English.ShortName("OTC-LABEL").ShouldBe("pack labels");
    }

    private static ResultView HomeCareView(int age, string finding)
    {
        var findings = new FindingSet();
        FindingReader.TrySetNumber(FindingCode.OnsetDays, 1, findings).ShouldBeNull();
        FindingReader.TrySetChoice(FindingCode.Trigger, "lifting", findings).ShouldBeTrue();
        FindingReader.TrySetChoice(FindingCode.Course, "improving", findings).ShouldBeTrue();
        FindingReader.TrySetNumber(FindingCode.PreviousEpisodes, 1, findings).ShouldBeNull();
        if (finding.Length > 0)
        {
            FindingCatalog.TryGet(finding, out var definition).ShouldBeTrue();
            findings.Set(definition.Code, true);
        }

        var result = Assessor.Assess(age, findings);
        result.Plan.ShouldNotBeNull();
        return new ResultView(result, age, SiteText.English, "911");
    }

    private async Task<PageClient> HomeCareResult()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        await CheckFlowTests.AnswerUntilDone(page, CheckFlowTests.SelfCareAnswers);
        await page.FollowLink("See my advice");
        page.Path.ShouldBe("/check/result");
        page.Document.QuerySelector(".disposition-self_care").ShouldNotBeNull();
        return page;
    }

    private static int Words(string text) => WordPattern().Count(text);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’.,:-]*")]
    private static partial Regex WordPattern();
}
