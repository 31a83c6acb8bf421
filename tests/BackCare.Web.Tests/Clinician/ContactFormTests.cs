using System.Net;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Navigation;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Clinician.ClinicWorld;

namespace BackCare.Web.Tests.Clinician;

public sealed class ContactFormTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_anyone_When_they_send_the_contact_form_Then_it_lands_in_that_clinics_inbox_only_and_can_be_marked_handled()
    {
        var clinic = await AddClinicAsync(factory);
        var other = await AddClinicAsync(factory, "Hillside Back Clinic");
        using var visitor = new Browser(factory);
        await visitor.Open($"/clinics/{clinic}/contact");
        await visitor.Submit(new() { ["name"] = "Vera Visitor", ["email"] = "vera@example.org", ["phone"] = "", ["body"] = "Do you see people on Saturdays?" });

        visitor.Text.ShouldContain("Your message has reached the clinic");
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        await clinician.Open("/clinic/inbox");
        clinician.Text.ShouldContain("Do you see people on Saturdays?");
        clinician.Text.ShouldContain("vera@example.org");
        clinician.Text.ShouldContain("Waiting for an answer");

        await clinician.Submit([], "form[action*=Handled]");

        clinician.Text.ShouldContain("Handled.");
        (await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.ClinicId == clinic))).HandledUtc.ShouldNotBeNull();
        var (otherClinician, _) = await SignedInClinicianAsync(factory, other);
        using var _o = otherClinician;
        await otherClinician.Open("/clinic/inbox");
        otherClinician.Text.ShouldNotContain("Saturdays");
    }

    [Fact]
    public async Task Given_a_request_of_another_clinic_When_a_clinician_marks_it_handled_Then_404_and_it_stays_waiting()
    {
        var clinic = await AddClinicAsync(factory);
        var other = await AddClinicAsync(factory, "Hillside Back Clinic");
        using var visitor = new Browser(factory);
        await visitor.Open($"/clinics/{other}/contact");
        await visitor.Submit(new() { ["name"] = "Vic", ["email"] = "", ["phone"] = "+1 555 0199", ["body"] = "Please call me back." });
        var request = await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.ClinicId == other));
        var (clinician, _) = await SignedInClinicianAsync(factory, clinic);
        using var _c = clinician;
        await clinician.Open("/clinic/inbox");
        var (person, ownId) = await PersonAsync(factory, "Token Giver");
        person.Dispose();
        await JoinAsync(factory, clinic, ownId, "routine");
        await clinician.Open($"/clinic/patients/{ownId}");
        var token = clinician.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        await clinician.Post("/clinic/inbox?handler=Handled", new() { ["request"] = request.Id.ToString(), ["__RequestVerificationToken"] = token });

        clinician.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await InDbAsync(factory, db => db.ContactRequests.SingleAsync(r => r.Id == request.Id))).HandledUtc.ShouldBeNull();
    }

    [Theory]
    [InlineData("", "a@example.org", "", "Hello", "name")]
    [InlineData("Ann", "", "", "Hello", "email")]
    [InlineData("Ann", "not-an-email", "", "Hello", "email")]
    [InlineData("Ann", "", "call me", "Hello", "phone")]
    [InlineData("Ann", "a@example.org", "", " ", "body")]
    public async Task Given_a_contact_form_with_a_mistake_When_sent_Then_the_field_is_named_and_nothing_is_stored(string name, string email, string phone, string body, string field)
    {
        var clinic = await AddClinicAsync(factory);
        using var visitor = new Browser(factory);
        await visitor.Open($"/clinics/{clinic}/contact");

        await visitor.Submit(new() { ["name"] = name, ["email"] = email, ["phone"] = phone, ["body"] = body });

        visitor.Document.ShouldShowTheProblemTheSitesWay(field, field);
        (await InDbAsync(factory, db => db.ContactRequests.CountAsync(r => r.ClinicId == clinic))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_a_post_without_the_antiforgery_token_When_sent_Then_it_is_refused()
    {
        var clinic = await AddClinicAsync(factory);
        using var visitor = new Browser(factory);

        await visitor.Post($"/clinics/{clinic}/contact", new() { ["name"] = "Ann", ["email"] = "a@example.org", ["body"] = "Hello" });

        visitor.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await InDbAsync(factory, db => db.ContactRequests.CountAsync(r => r.ClinicId == clinic))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_an_unknown_clinic_When_opening_its_contact_form_Then_404()
    {
        using var visitor = new Browser(factory);

        await visitor.Open($"/clinics/{Guid.NewGuid()}/contact");

        visitor.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_a_limit_of_two_messages_When_a_third_is_sent_from_the_same_address_Then_429_and_only_two_are_stored()
    {
        using var limited = BackCareFactory.With(new() { ["ContactForm:PermitLimit"] = "2", ["ContactForm:WindowMinutes"] = "60" });
        var clinic = await AddClinicAsync(limited);
        using var visitor = new Browser(limited);
        for (var i = 0; i < 3; i++)
        {
            await visitor.Open($"/clinics/{clinic}/contact");
            await visitor.Submit(new() { ["name"] = "Flo", ["email"] = "flo@example.org", ["phone"] = "", ["body"] = $"Message {i}" });
        }

        visitor.Response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        visitor.Text.ShouldContain("wait an hour");
        (await InDbAsync(limited, db => db.ContactRequests.CountAsync(r => r.ClinicId == clinic))).ShouldBe(2);
    }
}
