using BackCare.Web.Clinics;
using BackCare.Web.Content;

namespace BackCare.Web.Tests.Clinics;

/// <summary>The shipped table of US ZIPs and the straight-line distance, without a host.</summary>
public sealed class PlacesTests
{
    private static readonly Places Table = new(ContentSetup.FindRoot(Places.DefaultRoot, AppContext.BaseDirectory));

    [Theory]
    [InlineData("10001", "10001", 40.7507, -73.9973)]
    [InlineData(" 90210 ", "90210", 34.1005, -118.4146)]
    [InlineData("60601-1234", "60601", 41.8852, -87.6215)]
    [InlineData("00601", "00601", 18.1806, -66.75)]
    public void Given_a_ZIP_in_the_table_When_looked_up_Then_its_point_is_found_in_miles(string typed, string code, double latitude, double longitude)
    {
        var (place, problem) = Table.Find(typed);

        problem.ShouldBeNull();
        place.ShouldNotBeNull();
        (place.Code, place.Unit).ShouldBe((code, DistanceUnit.Miles));
        place.Latitude.ShouldBe(latitude, 0.0001);
        place.Longitude.ShouldBe(longitude, 0.0001);
    }

    [Theory]
    [InlineData(null, PlaceProblem.Empty)]
    [InlineData("  ", PlaceProblem.Empty)]
    [InlineData("00000", PlaceProblem.Unknown)]
    [InlineData("99999", PlaceProblem.Unknown)]
    [InlineData("1000", PlaceProblem.Malformed)]
    [InlineData("100011", PlaceProblem.Malformed)]
    [InlineData("SW1A 1AA", PlaceProblem.Malformed)]
    [InlineData("10001-", PlaceProblem.Malformed)]
    [InlineData("１０００１", PlaceProblem.Malformed)]
    public void Given_text_that_is_no_known_ZIP_When_looked_up_Then_the_problem_is_named(string? typed, PlaceProblem expected) =>
        Table.Find(typed).Problem.ShouldBe(expected);

    [Theory]
    [InlineData(0, 0, 0, 1, 111.1951)]
    [InlineData(0, 0, 1, 0, 111.1951)]
    [InlineData(40.7507, -73.9973, 40.7507, -73.9973, 0)]
    [InlineData(0, 0, 0, 180, 20015.1142)]
    [InlineData(89.9, 0, 89.9, 180, 22.2390)]
    public void Given_two_points_When_the_distance_is_taken_Then_it_is_the_great_circle_on_the_mean_Earth(double lat1, double lon1, double lat2, double lon2, double km)
    {
        Places.DistanceKm(lat1, lon1, lat2, lon2).ShouldBe(km, 0.001);
        Places.DistanceKm(lat2, lon2, lat1, lon1).ShouldBe(km, 0.001, "the same both ways");
    }

    [Fact]
    public void Given_kilometres_When_said_in_miles_Then_the_international_mile_is_used() =>
        Places.InUnit(1.609344, DistanceUnit.Miles).ShouldBe(1, 1e-12);
}
