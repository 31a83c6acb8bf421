using System.Net;
using System.Text;
using AngleSharp.Dom;
using BackCare.Web.Tests.Accounts;

namespace BackCare.Web.Tests.Diary;

/// <summary>
/// The diary page in steps through the real host: pain, spasms and Save first, every optional part folded in a
/// <c>&lt;details&gt;</c> that opens again when it holds an error or an answer, and a new warning sign answered at once.
/// </summary>
public sealed class DiaryStepsTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    /// <summary>A 41-year-old whose back went into spasm lifting a day ago: home care, pain 7.</summary>
    private const string SimpleSpasm = """{"id":"first","age":41,"findings":{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower"}}""";

    private static readonly string[] Sections = ["section-signs", "section-abilities", "section-medicines", "section-helped", "section-notes"];

    [Fact]
    public async Task Given_a_fresh_diary_form_When_opened_Then_pain_spasms_and_a_save_button_come_before_any_folded_section()
    {
        using var browser = await PersonWithFirstCheck();

        await browser.Open("/diary/new");

        var form = browser.Document.QuerySelector("main form.diary-form")!;
        var first = form.FirstElementChild!;
        first.ClassList.ShouldContain("diary-required");
        first.QuerySelector("#pain").ShouldNotBeNull();
        first.QuerySelector("#spasms").ShouldNotBeNull();
        first.QuerySelector("details").ShouldBeNull();
        var inOrder = form.QuerySelectorAll("#pain, #spasms, button[type=submit], details").ToList();
        inOrder.Take(3).Select(Kind).ShouldBe(["pain", "spasms", "save"]);
        inOrder[3].LocalName.ShouldBe("details");
        inOrder[^1].LocalName.ShouldBe("button", "a second Save ends the form, after the last section");
        form.QuerySelectorAll("button[type=submit]").Select(b => b.TextContent.Trim()).ShouldBe(["Save today's diary", "Save today's diary"]);
    }

    [Fact]
    public async Task Given_a_fresh_diary_form_When_opened_Then_each_optional_section_is_a_closed_details_with_its_own_summary()
    {
        using var browser = await PersonWithFirstCheck();

        await browser.Open("/diary/new");

        var details = browser.Document.QuerySelectorAll("main form details").ToList();
        details.Select(d => d.Id).ShouldBe(Sections);
        details.ShouldAllBe(d => !d.HasAttribute("open"));
        var summaries = details.Select(d => d.FirstElementChild!).ToList();
        summaries.ShouldAllBe(s => s.LocalName == "summary" && s.TextContent.Trim().Length > 0);
        summaries.Select(s => s.TextContent.Trim()).Distinct().Count().ShouldBe(Sections.Length, "each summary says which part it opens");
        var unfolded = browser.Document.QuerySelectorAll("main form input:not([type=hidden]), main form textarea")
            .Where(i => i.Closest("details") is null)
            .Select(i => i.Id);
        unfolded.ShouldBe(["pain", "spasms"], "everything but pain and spasms is folded away");
    }

    [Fact]
    public async Task Given_the_diary_form_When_a_save_fails_on_the_pain_Then_sections_with_answers_open_and_the_empty_ones_stay_closed()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit([Field("pain", "eleven"), Field("spasms", "2"), Field("helped", "heat"), Field("walk", "limited")], "main form");

        browser.Document.Title!.ShouldStartWith("Error: ");
        OpenSections(browser).ShouldBe(["section-abilities", "section-helped"]);
        browser.Document.QuerySelector("#helped-heat")!.HasAttribute("checked").ShouldBeTrue();
    }

    [Fact]
    public async Task Given_the_diary_form_When_the_notes_are_too_long_Then_the_notes_section_is_open_with_its_error_and_the_summary_links_to_it()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit([Field("pain", "4"), Field("spasms", "0"), Field("notes", new string('a', 4001))], "main form");

        browser.Document.Title!.ShouldStartWith("Error: ");
        browser.Document.QuerySelector(".error-summary a")!.GetAttribute("href").ShouldBe("#notes");
        OpenSections(browser).ShouldBe(["section-notes"]);
        browser.Document.QuerySelector("#section-notes #notes-error").ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_the_diary_form_When_a_walking_level_is_not_one_offered_Then_the_section_with_the_error_is_open()
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit([Field("pain", "4"), Field("spasms", "0"), Field("walk", "sometimes")], "main form");

        browser.Document.QuerySelector(".error-summary a")!.GetAttribute("href").ShouldBe("#walk-normal");
        OpenSections(browser).ShouldBe(["section-abilities"]);
        browser.Document.QuerySelector("#section-abilities #walk-error").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("bladder_dysfunction", "emergency", "Call 911 now")]
    [InlineData("fever", "urgent", "See a doctor today")]
    public async Task Given_the_diary_form_When_a_new_warning_sign_is_ticked_and_saved_Then_its_advice_comes_at_once_and_nothing_says_to_carry_on_with_home_care(
        string sign, string disposition, string advice)
    {
        using var browser = await PersonWithFirstCheck();
        await browser.Open("/diary/new");

        await browser.Submit([Field("pain", "3"), Field("spasms", "0"), Field("sign", sign)], "main form");

        browser.Address.ShouldBe("/diary/saved");
        var main = browser.Document.QuerySelector("main")!;
        main.FirstElementChild!.ClassList.ShouldContain("disposition-" + disposition);
        main.QuerySelector(".lead")!.TextContent.ShouldContain(advice);
        main.QuerySelector("#progress-title").ShouldBeNull("progress and the next step of the plan would speak against going now");
        var said = main.TextContent;
        said.ShouldNotContain("home-care", Case.Insensitive);
        said.ShouldNotContain("home care", Case.Insensitive);
        said.ShouldNotContain("Keep going", Case.Insensitive);
        said.ShouldNotContain("Keep following", Case.Insensitive);
        said.ShouldNotContain("clearly lower", Case.Insensitive);
    }

    private static string Kind(IElement element) => element.LocalName == "button" ? "save" : element.Id!;

    private static List<string> OpenSections(Browser browser) =>
        [.. browser.Document.QuerySelectorAll("main form details[open]").Select(d => d.Id!)];

    /// <summary>A person who signed up on the page and saved a first check, so the diary has a start to compare with.</summary>
    private async Task<Browser> PersonWithFirstCheck()
    {
        var browser = new Browser(factory);
        await browser.SignUp(Accounts.Accounts.NewEmail());
        using var saved = await browser.Client.PostAsync("/api/assessments", new StringContent(SimpleSpasm, Encoding.UTF8, "application/json"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        return browser;
    }

    private static KeyValuePair<string, string> Field(string name, string value) => KeyValuePair.Create(name, value);
}
