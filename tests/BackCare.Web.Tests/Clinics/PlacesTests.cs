using BackCare.Web.Clinics;
using BackCare.Web.Content;

namespace BackCare.Web.Tests.Clinics;

/// <summary>The shipped table of US ZIPs, an operator's table of UK outward codes, and the straight-line distance, without a host.</summary>
public sealed class PlacesTests
{
    private static readonly string ShippedRoot = ContentSetup.FindRoot(Places.DefaultRoot, AppContext.BaseDirectory);

    private static readonly Places Table = new(ShippedRoot);

    /// <summary>tools/places/make-uk-outcode.py's output for its made-up ONSPD sample (its test checks they agree).</summary>
    public static readonly string UkFixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "places", Places.UkOutcodeFile);

    private static readonly Places WithUk = new(ShippedRoot, UkFixture);

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
    [InlineData("SW1A 1AA", PlaceProblem.UkNotKnownHere)]
    [InlineData("sw1a", PlaceProblem.UkNotKnownHere)]
    [InlineData("ABCDE", PlaceProblem.Malformed)]
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

    [Fact]
    public void Given_the_shipped_folder_When_asked_about_UK_postcodes_Then_it_knows_none() =>
        Table.KnowsUkPostcodes.ShouldBeFalse("no UK table is shipped; an operator supplies one");

    [Theory]
    [InlineData("SW1A 1AA", "SW1A", 51.5022, -0.1346)]
    [InlineData("sw1a1aa", "SW1A", 51.5022, -0.1346)]
    [InlineData(" SW1A ", "SW1A", 51.5022, -0.1346)]
    [InlineData("sw1a", "SW1A", 51.5022, -0.1346)]
    [InlineData("M1 1AE", "M1", 53.4798, -2.2406)]
    [InlineData("m11ae", "M1", 53.4798, -2.2406)]
    [InlineData("EH1", "EH1", 55.9533, -3.1883)]
    public void Given_a_UK_table_and_a_postcode_written_any_way_When_looked_up_Then_its_outward_code_is_found_in_miles(string typed, string outward, double latitude, double longitude)
    {
        var found = WithUk.Find(typed);

        found.Problem.ShouldBeNull();
        found.Place.ShouldNotBeNull();
        (found.Place.Code, found.Place.Unit, found.Place.Kind).ShouldBe((outward, DistanceUnit.Miles, PlaceKind.UkPostcode));
        found.Place.Latitude.ShouldBe(latitude, 0.0001);
        found.Place.Longitude.ShouldBe(longitude, 0.0001);
        WithUk.KnowsUkPostcodes.ShouldBeTrue();
    }

    [Theory]
    [InlineData("ZZ9 9ZZ", PlaceProblem.Unknown, "ZZ9")]
    [InlineData("W1A", PlaceProblem.Unknown, "W1A")]
    [InlineData("SW1A 1A", PlaceProblem.Malformed, null)]
    [InlineData("SW1A 1AAA", PlaceProblem.Malformed, null)]
    [InlineData("1AA", PlaceProblem.Malformed, null)]
    [InlineData("99999", PlaceProblem.Unknown, "99999")]
    public void Given_a_UK_table_and_text_that_is_no_known_place_When_looked_up_Then_the_problem_and_the_code_looked_for_are_named(string typed, PlaceProblem problem, string? code)
    {
        var found = WithUk.Find(typed);

        (found.Place, found.Problem, found.Code).ShouldBe((null, problem, code));
    }

    [Fact]
    public void Given_a_UK_table_When_a_ZIP_is_looked_up_Then_it_is_still_a_US_ZIP() =>
        WithUk.Find("10001").Place.ShouldBe(new Place("10001", 40.7507f, -73.9973f, DistanceUnit.Miles, PlaceKind.UsZip));

    [Theory]
    [InlineData("SW1A 1AA", "SW1A")]
    [InlineData("SW1A1AA", "SW1A")]
    [InlineData("w11aa", "W1")]
    [InlineData("W111AA", "W11")]
    [InlineData("EC1A 1BB", "EC1A")]
    [InlineData("b1", "B1")]
    [InlineData("10001", null)]
    [InlineData("SW1A  1AA", "SW1A")]
    [InlineData("SW", null)]
    [InlineData("Ｓ1", null)]
    public void Given_text_When_read_as_a_UK_postcode_Then_the_outward_code_is_what_comes_before_the_inward_code(string typed, string? outward) =>
        Places.OutwardCodeOf(typed).ShouldBe(outward);

    [Fact]
    public void Given_no_setting_and_a_uk_outcode_file_in_the_folder_When_looked_up_Then_it_is_used()
    {
        var folder = Directory.CreateTempSubdirectory("backcare-places-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, Places.UkOutcodeFile), "outcode,lat,lon\nB1,52.4800,-1.9025\n");
            var places = new Places(folder);

            places.KnowsUkPostcodes.ShouldBeTrue();
            places.Find("B1 1BB").Place!.Code.ShouldBe("B1");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("outcode,latitude,longitude\nB1,52.48,-1.90\n", 1, "the first line must be outcode,lat,lon")]
    [InlineData("outcode,lat,lon\nB1,52.48\n", 2, "expected 3 values")]
    [InlineData("outcode,lat,lon\nB1,52.48,-1.90\nb2,52.45,-1.91\n", 3, "'b2' is not a UK outward code")]
    [InlineData("outcode,lat,lon\nB1 1BB,52.48,-1.90\n", 2, "'B1 1BB' is not a UK outward code")]
    [InlineData("outcode,lat,lon\nB1,-1.90,52.48\n", 2, "is not a latitude and longitude in the UK")]
    [InlineData("outcode,lat,lon\nB1,fifty,-1.90\n", 2, "is not a latitude and longitude in the UK")]
    [InlineData("outcode,lat,lon\nB1,52.48,-1.90\n\nM1,53.48,-2.24\nB1,52.49,-1.91\n", 5, "B1 is listed again (first on line 2)")]
    [InlineData("outcode,lat,lon\n", 1, "the file has no outward codes")]
    public void Given_a_UK_table_with_a_mistake_When_first_used_Then_the_error_names_the_file_and_the_line(string contents, int line, string what)
    {
        var folder = Directory.CreateTempSubdirectory("backcare-places-").FullName;
        try
        {
            var path = Path.Combine(folder, "operator-outcodes.csv");
            File.WriteAllText(path, contents);
            var places = new Places(ShippedRoot, path);
            places.Find("10001").Place.ShouldNotBeNull("a ZIP does not read the UK table");

            var error = Should.Throw<InvalidOperationException>(() => places.Find("B1 1BB"));

            error.Message.ShouldContain(path + ", line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": ");
            error.Message.ShouldContain(what);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Given_a_UK_table_named_in_the_setting_that_is_not_there_When_a_postcode_is_looked_up_Then_the_error_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"backcare-missing-{Guid.NewGuid():N}.csv");
        var places = new Places(ShippedRoot, path);

        places.KnowsUkPostcodes.ShouldBeTrue("the operator asked for it; a missing file is their mistake to hear about, not a quiet US-only page");
        Should.Throw<InvalidOperationException>(() => places.Find("SW1A")).Message.ShouldContain(path + " (Places:UkOutcodes) is missing");
    }
}
