using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Risk;
using BackCare.Web.Appointments;

namespace BackCare.Web.Tests.Booking;

/// <summary>When the booking offer puts the physical therapist first: where the plan steps up to one, never for "a doctor today".</summary>
public sealed class PhysicalTherapyOfferTests
{
    [Theory]
    [InlineData("spasm yesterday", null, false)]
    [InlineData("spasm yesterday", RiskGroup.Low, false)]
    [InlineData("spasm yesterday", RiskGroup.Medium, true)]
    [InlineData("spasm yesterday", RiskGroup.High, true)]
    [InlineData("ten days without progress", null, true)]
    [InlineData("pain 9 of 10", null, false)]
    [InlineData("fever", RiskGroup.High, false)]
    [InlineData("fever", null, false)]
    public void Given_a_result_and_a_risk_group_When_the_offer_is_chosen_Then_the_therapist_comes_first_only_where_the_plan_says_so(
        string situation, RiskGroup? risk, bool therapist)
    {
        var findings = new FindingSet { OnsetDays = 1, PainScore = 6, Course = PainCourse.Unchanged };
        switch (situation)
        {
            case "ten days without progress": findings.OnsetDays = 10; break;
            case "pain 9 of 10": findings.PainScore = 9; break;
            case "fever": findings.Set(FindingCode.Fever, true); break;
        }

        var result = Assessor.Assess(40, findings, risk);

        CheckForBooking.PointsToPhysicalTherapy(result, risk).ShouldBe(therapist, $"{situation}, {result.Disposition}");
    }
}
