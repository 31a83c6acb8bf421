using BackCare.Data.Clinics;

namespace BackCare.Web.Clinics;

/// <summary>How slot kinds and specialties are spelled on the API and in addresses: <c>in_person</c>, <c>physical_therapy</c>.</summary>
public static class ClinicNames
{
    public static string WireName(this SlotKind kind) => kind switch
    {
        SlotKind.InPerson => "in_person",
        SlotKind.Telemedicine => "telemedicine",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string WireName(this Specialty specialty) => specialty switch
    {
        Specialty.Orthopedic => "orthopedic",
        Specialty.Spine => "spine",
        Specialty.PhysicalTherapy => "physical_therapy",
        Specialty.PrimaryCare => "primary_care",
        _ => throw new ArgumentOutOfRangeException(nameof(specialty)),
    };

    public static bool TryParseKind(string? text, out SlotKind kind) => TryParse(text, Enum.GetValues<SlotKind>(), WireName, out kind);

    public static bool TryParseSpecialty(string? text, out Specialty specialty) =>
        TryParse(text, Enum.GetValues<Specialty>(), WireName, out specialty);

    private static bool TryParse<T>(string? text, T[] values, Func<T, string> name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in values)
        {
            if (string.Equals(name(candidate), text?.Trim(), StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
