using System.Net;
using System.Net.Http.Json;
using BackCare.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Booking.Booking;
using static BackCare.Web.Tests.Booking.BookingPages;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Booking;

/// <summary>Changing a visit: a day chooser over the booking window, "Moved to", the warning on cancelling an urgent visit, and booking without a check.</summary>
public sealed class VisitChangesTests(WednesdayMorningHost host) : IClassFixture<WednesdayMorningHost>
{
    private BackCareFactory Factory => host.Factory;

    [Fact]
    public async Task Given_a_booked_visit_When_the_person_changes_the_time_Then_every_day_with_free_times_is_offered_and_another_day_shows_its_times()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var id = await BookWithCookie(browser, "in_person", 3);

        await browser.Open($"/account/appointments/{id}/reschedule");

        var days = browser.Document.QuerySelectorAll("ul.days li").Select(li => Squash(li.TextContent)).ToList();
        days.Count.ShouldBeGreaterThanOrEqualTo(5, "the two weeks of the booking window, not one day");
        days.ShouldBeUnique();
        var firstDayTimes = browser.Document.QuerySelectorAll("ul.slots a").Select(a => a.GetAttribute("href")).ToList();
        firstDayTimes.ShouldNotBeEmpty();
        var dayLinks = browser.Document.QuerySelectorAll("ul.days a");
        var later = dayLinks[^1];
        var laterDay = Squash(later.TextContent);

        await browser.Open(later.GetAttribute("href")!);

        browser.Document.QuerySelector("ul.days [aria-current=date]")!.TextContent.ShouldBe(laterDay);
        var laterTimes = browser.Document.QuerySelectorAll("ul.slots a").Select(a => a.GetAttribute("href")).ToList();
        laterTimes.ShouldNotBeEmpty();
        laterTimes.ShouldAllBe(href => !firstDayTimes.Contains(href), "another day's times");
        browser.Text.ShouldNotContain("UTC");
    }

    [Fact]
    public async Task Given_a_moved_visit_When_the_old_one_is_opened_or_listed_Then_it_says_Moved_to_the_new_time_not_Cancelled()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var id = await BookWithCookie(browser, "telemedicine", 5);
        await browser.Open($"/account/appointments/{id}/reschedule");
        await browser.Open(browser.Document.QuerySelectorAll("ul.slots a")[1].GetAttribute("href")!);
        await browser.Submit(new Dictionary<string, string>());
        var moved = Guid.Parse(browser.Address.Split('/', '?')[3]);
        var newTime = Squash(browser.Document.QuerySelector("dl.summary time")!.TextContent);

        await browser.Open($"/account/appointments/{id}");

        var details = browser.Document.QuerySelectorAll("dl.summary dd");
        var status = details[^1].TextContent;
        status.ShouldBe($"Moved to {newTime}");
        browser.Document.QuerySelector($"main a[href='/account/appointments/{moved}']").ShouldNotBeNull("a way to the new time");
        browser.Text.ShouldNotContain("UTC");
        await browser.Open("/account/appointments");
        var old = browser.Document.QuerySelector($"ul.appointments a[href='/account/appointments/{id}']")!;
        old.TextContent.ShouldContain($"(Moved to {newTime})");
        old.TextContent.ShouldNotContain("Cancelled");
        (await WithDb(Factory, db => db.Appointments.Where(a => a.Id == id).Select(a => a.MovedToId).SingleAsync())).ShouldBe(moved);
    }

    [Fact]
    public async Task Given_a_see_a_doctor_today_visit_When_the_person_goes_to_cancel_it_Then_they_are_told_to_still_be_seen_today_with_other_times_and_the_phone()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var id = await BookWithCookie(browser, "telemedicine", 0);
        // As a booking after a check that said "see a doctor today" records it.
        await WithDb(Factory, db => db.Appointments.Where(a => a.Id == id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Disposition, "urgent")));

        await browser.Open($"/account/appointments/{id}/cancel");

        var warning = browser.Document.QuerySelector("main .warning").ShouldNotBeNull();
        warning.QuerySelector("h2")!.TextContent.ShouldBe("You still need to see a doctor today");
        warning.QuerySelector("a[href^='tel:']").ShouldNotBeNull();
        warning.QuerySelectorAll("ul.slots a").ShouldNotBeEmpty("other times instead");
        await browser.Submit(new Dictionary<string, string>());
        browser.Document.QuerySelector("main .warning")!.TextContent.ShouldContain("please still be seen today");
    }

    [Fact]
    public async Task Given_an_ordinary_visit_When_the_person_goes_to_cancel_it_Then_no_urgent_warning()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var id = await BookWithCookie(browser, "in_person", 8);

        await browser.Open($"/account/appointments/{id}/cancel");

        browser.Document.QuerySelector("main .warning").ShouldBeNull();
        browser.Document.QuerySelector("main a.back")!.GetAttribute("href").ShouldBe($"/account/appointments/{id}");
    }

    [Fact]
    public async Task Given_no_check_When_the_person_books_a_time_Then_the_form_asks_for_the_reason_plainly()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        await browser.Open("/book");
        browser.Document.QuerySelector("main a.back").ShouldNotBeNull();
        var slot = browser.Document.QuerySelector("ul.slots a")!.GetAttribute("href")!;

        await browser.Open(slot);

        browser.Document.QuerySelector("label[for=reason]")!.TextContent.ShouldBe("Why do you want to be seen?");
        var hint = browser.Document.QuerySelector("#reason-hint")!.TextContent;
        hint.ShouldNotContain("filled this in");
        hint.ShouldContain("what is wrong and since when");
        browser.Document.QuerySelector("textarea#reason")!.TextContent.ShouldBe("");
        browser.Text.ShouldNotContain("UTC");
    }

    /// <summary>Books through the API with the browser's sign-in cookie, as a quick way to have a visit to manage.</summary>
    private static async Task<Guid> BookWithCookie(Browser browser, string kind, int skip)
    {
        var slot = await AnyFreeSlot(browser.Client, kind, skip);
        using var booked = await browser.Client.PostAsJsonAsync("/api/appointments", new { slotId = slot, reason = "Back spasm for two days" });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await Json(booked)).GetProperty("id").GetGuid();
    }
}
