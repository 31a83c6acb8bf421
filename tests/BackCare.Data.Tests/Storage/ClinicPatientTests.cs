using BackCare.Data.Clinics;

namespace BackCare.Data.Tests.Storage;

public sealed class ClinicPatientTests
{
    [Theory]
    [InlineData("red_flag", 0)]
    [InlineData("emergency", 1)]
    [InlineData("urgent", 2)]
    [InlineData("routine", 3)]
    [InlineData("self_care", 4)]
    public void Given_a_disposition_When_ranked_Then_the_more_urgent_comes_first(string disposition, int priority) =>
        ClinicPatient.PriorityOf(disposition).ShouldBe(priority);
}
