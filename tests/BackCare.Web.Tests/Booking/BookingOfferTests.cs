using System.Text;
using BackCare.Web.Tests.Accounts;
using static BackCare.Web.Tests.Booking.BookingPages;

namespace BackCare.Web.Tests.Booking;

/// <summary>A host whose clock stands on a Wednesday morning at the demo clinic (09:10 in New York).</summary>
public sealed class WednesdayMorningHost : IDisposable
{
    public BackCareFactory Factory { get; } = BackCareFactory.WithClock(SetClock.WednesdayMorning());

    public void Dispose() => Factory.Dispose();
}

/// <summary>What the result page offers to book, for each disposition, on the demo clinic's clock.</summary>
public sealed class BookingOfferTests(WednesdayMorningHost host) : IClassFixture<WednesdayMorningHost>
{
    private const string Therapist = "Rowan Ashgrove (demo physical therapist)";

    [Fact]
    public async Task Given_an_urgent_result_on_a_weekday_morning_When_the_result_opens_Then_today_s_video_and_clinic_times_come_first_in_clinic_time()
    {
        using var browser = new Browser(host.Factory);

        await FinishCheck(browser, Urgent);

        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("See a doctor today");
        var offer = Offer(browser).ShouldNotBeNull();
        var groups = Groups(offer);
        groups.Select(g => g.Heading).ShouldBe(["Today, by video call", "Today, at the clinic"]);
        groups[0].Slots[0].Text.ShouldStartWith("Today, 1:00 PM Video call with ");
        groups[1].Slots[0].Text.ShouldStartWith("Today, 9:30 AM At the clinic with ", Case.Sensitive, "9:00 has begun at 9:10, so 9:30 is the first");
        groups.ShouldAllBe(g => g.Slots.Count > 0 && g.Slots.Count <= 4);
        groups.SelectMany(g => g.Slots).ShouldAllBe(s => s.Text.StartsWith("Today, ", StringComparison.Ordinal));
        groups.SelectMany(g => g.Slots).ShouldNotContain(s => s.Text.Contains(Therapist), "a doctor today, not a therapist");
        groups.SelectMany(g => g.Slots).ShouldAllBe(s => s.Href.StartsWith("/book/", StringComparison.Ordinal) && s.Href.Contains("?s="));
        offer.TextContent.ShouldContain("Times are the clinic's local time (New York).");
        offer.QuerySelectorAll("a").Count(a => a.TextContent.StartsWith("More times", StringComparison.Ordinal)).ShouldBe(2);
        offer.QuerySelector("a[href^='tel:']").ShouldBeNull("there are times today, so no phone call is needed");
        Encoding.UTF8.GetByteCount(await browser.Response.Content.ReadAsStringAsync()).ShouldBeLessThan(60 * 1024);
    }

    [Fact]
    public async Task Given_an_urgent_result_on_a_day_the_clinic_is_closed_When_the_result_opens_Then_its_phone_is_a_tap_to_call_link_and_the_next_times_follow()
    {
        using var sunday = BackCareFactory.WithClock(SetClock.Sunday());
        using var browser = new Browser(sunday);

        await FinishCheck(browser, Urgent);

        var offer = Offer(browser).ShouldNotBeNull();
        offer.TextContent.ShouldContain("There are no free times left today");
        var call = offer.QuerySelector("a[href^='tel:']").ShouldNotBeNull();
        call.GetAttribute("href").ShouldBe("tel:+15550100");
        call.TextContent.ShouldContain("+1 555 0100");
        var groups = Groups(offer);
        groups.Select(g => g.Heading).ShouldBe(["Next video calls", "Next visits at the clinic"]);
        groups[0].Slots[0].Text.ShouldStartWith("Mon 7 Dec, 1:00 PM Video call with ");
        groups[1].Slots[0].Text.ShouldStartWith("Mon 7 Dec, 8:00 AM At the clinic with ");
        groups.SelectMany(g => g.Slots).ShouldNotContain(s => s.Text.StartsWith("Today", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_routine_result_When_the_result_opens_Then_it_offers_video_and_clinic_times_of_the_next_two_weeks_and_more_on_request()
    {
        using var browser = new Browser(host.Factory);

        await FinishCheck(browser, Routine);

        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Book an appointment in the next 1 to 2 weeks");
        var offer = Offer(browser).ShouldNotBeNull();
        offer.TextContent.ShouldContain("Free times in the next two weeks");
        var groups = Groups(offer);
        groups.Select(g => g.Heading).ShouldBe(["By video call", "At the clinic"]);
        groups.ShouldAllBe(g => g.Slots.Count == 4);
        groups.SelectMany(g => g.Slots).ShouldNotContain(s => s.Text.Contains(Therapist), "nothing in this plan points to a therapist");

        await browser.FollowLink("More times");

        browser.Address.ShouldStartWith("/book?");
        var more = Groups(browser.Document.QuerySelector("main")!);
        more.Single().Heading.ShouldBe("By video call");
        more.Single().Slots.Count.ShouldBe(40, "a page of times, not hundreds");
        more.Single().Slots.Select(s => s.Href).Distinct().Count().ShouldBe(40);
        (await browser.Response.Content.ReadAsStringAsync()).Length.ShouldBeLessThan(60 * 1024);
    }

    [Fact]
    public async Task Given_a_week_of_home_care_without_progress_When_the_result_opens_Then_the_physical_therapist_s_times_come_first()
    {
        using var browser = new Browser(host.Factory);

        await FinishCheck(browser, RoutineStepUp);

        browser.Text.ShouldContain("physical therapist or a doctor");
        var offer = Offer(browser).ShouldNotBeNull();
        offer.TextContent.ShouldContain("Your plan suggests a physical therapist");
        var groups = Groups(offer);
        groups[0].Heading.ShouldBe("With a physical therapist");
        groups[0].Slots.ShouldNotBeEmpty();
        groups[0].Slots.ShouldAllBe(s => s.Text.Contains(Therapist));
        groups.Skip(1).SelectMany(g => g.Slots).ShouldNotContain(s => s.Text.Contains(Therapist));
    }

    [Fact]
    public async Task Given_a_home_care_result_When_the_result_opens_Then_booking_is_only_a_quiet_link_without_times()
    {
        using var browser = new Browser(host.Factory);

        await FinishCheck(browser, SelfCare);

        var offer = Offer(browser).ShouldNotBeNull();
        offer.ClassList.ShouldContain("book-visit-quiet");
        offer.QuerySelectorAll("ul.slots a").Length.ShouldBe(0);
        var link = offer.QuerySelectorAll("a").Single();
        link.TextContent.ShouldBe("book a visit");
        await browser.FollowLink("book a visit");
        browser.Address.ShouldStartWith("/book?s=");
        Groups(browser.Document.QuerySelector("main")!).Select(g => g.Heading).ShouldBe(["By video call", "At the clinic"]);
    }

    [Fact]
    public async Task Given_an_emergency_result_When_the_result_opens_Then_it_says_call_the_emergency_number_and_offers_no_booking()
    {
        using var browser = new Browser(host.Factory);
        await browser.Open("/check/question/age");
        await browser.Submit(new() { ["answer"] = "52" }, "form.question");
        await browser.Submit(new() { ["answer"] = "female" }, "form.question");

        await browser.Submit(new() { ["tick"] = "bladder_dysfunction" }, "form.question");

        browser.Address.ShouldStartWith("/check/result");
        browser.Document.QuerySelector("a.call")!.GetAttribute("href").ShouldBe("tel:911");
        Offer(browser).ShouldBeNull();
        browser.Document.QuerySelectorAll("a[href^='/book']").Length.ShouldBe(0);
    }
}
