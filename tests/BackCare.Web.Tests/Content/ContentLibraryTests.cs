using System.Net;
using AngleSharp.Html.Parser;
using BackCare.Web.Content;

namespace BackCare.Web.Tests.Content;

public sealed class ContentLibraryTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "content", "en");

    [Fact]
    public void Given_a_page_with_front_matter_When_loaded_Then_its_fields_and_sources_are_read_and_raw_HTML_is_not_rendered()
    {
        var library = new ContentLibrary(FixtureRoot);

        var page = library.Page("what-is-a-spasm").ShouldNotBeNull();

        page.Title.ShouldBe("What a back spasm is");
        page.Summary.ShouldBe("A sudden tightening of the muscles of the back.");
        page.Sources.ShouldBe(["SEEDS", "NICE-NG59"]);
        page.Html.ShouldContain("<strong>back spasm</strong>");
        page.Html.ShouldContain("<h2");
        page.Html.ShouldNotContain("<script");
    }

    [Fact]
    public void Given_an_exercise_When_loaded_Then_its_steps_facts_and_illustration_are_found()
    {
        var library = new ContentLibrary(FixtureRoot);

        var exercise = library.Exercise("knees-to-chest").ShouldNotBeNull();

        exercise.Field("how_often").ShouldBe("Twice a day, 5 times each");
        exercise.Field("stop_if").ShouldNotBeNull();
        exercise.Html.ShouldContain("<ol>");
        library.IllustrationPath(exercise).ShouldNotBeNull().ShouldEndWith("knees-to-chest.svg");
    }

    [Theory]
    [InlineData("spasms", "what-is-a-spasm")]
    [InlineData("knee stretch", "knees-to-chest")]
    [InlineData("HEAT", "what-is-a-spasm")]
    public void Given_a_query_When_searched_Then_the_matching_page_is_found(string query, string slug)
    {
        var library = new ContentLibrary(FixtureRoot);

        library.Index.Find(query).Select(h => h.Item.Slug).ShouldContain(slug);
    }

    [Fact]
    public void Given_a_word_that_is_nowhere_When_searched_Then_nothing_is_found()
    {
        new ContentLibrary(FixtureRoot).Index.Find("zebra").ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_the_fixture_library_When_served_Then_pages_exercises_illustrations_and_search_work()
    {
        using var factory = BackCareFactory.With(new Dictionary<string, string?> { ["Content:Root"] = FixtureRoot });
        using var client = factory.CreateClient();
        var parser = new HtmlParser();

        var learn = parser.ParseDocument(await client.GetStringAsync("/learn"));
        learn.QuerySelectorAll(".cards a").Select(a => a.GetAttribute("href")).ShouldBe(["/learn/what-is-a-spasm", "/learn/home-care"]);

        var page = parser.ParseDocument(await client.GetStringAsync("/learn/what-is-a-spasm"));
        page.QuerySelector("h1")!.TextContent.ShouldBe("What a back spasm is");
        page.QuerySelector(".sources")!.TextContent.ShouldContain("NICE guideline NG59");

        var ownSources = parser.ParseDocument(await client.GetStringAsync("/learn/home-care"));
        ownSources.QuerySelectorAll("h2").Count(h => h.TextContent.Trim() == "Sources").ShouldBe(1, "a page with its own sources does not list them twice");
        ownSources.QuerySelector("article")!.TextContent.ShouldContain("Cochrane review");

        var exercise = parser.ParseDocument(await client.GetStringAsync("/exercises/knees-to-chest"));
        exercise.QuerySelector(".facts")!.TextContent.ShouldContain("Twice a day");
        var image = exercise.QuerySelector("img")!;
        image.GetAttribute("alt").ShouldNotBeNullOrWhiteSpace();
        using var svg = await client.GetAsync(image.GetAttribute("src"));
        svg.StatusCode.ShouldBe(HttpStatusCode.OK);
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");

        var search = parser.ParseDocument(await client.GetStringAsync("/search?q=stretch"));
        search.QuerySelectorAll(".cards a").Select(a => a.GetAttribute("href")).ShouldContain("/exercises/knees-to-chest");
    }

    [Fact]
    public void Given_a_relative_root_When_the_app_starts_in_a_subfolder_Then_the_root_is_found_by_walking_up()
    {
        var nested = Path.Combine(AppContext.BaseDirectory, "Fixtures", "content", "en", "learn");

        var root = ContentSetup.FindRoot("content/en", nested);

        root.ShouldBe(FixtureRoot);
    }
}
