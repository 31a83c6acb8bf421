using System.Globalization;
using BackCare.Data.Clinics;
using BackCare.Web.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace BackCare.Web.Notifications;

/// <summary>
/// The calendar file (.ics, RFC 5545 with iTIP's METHOD) a visit's emails carry, made with Ical.Net. The times are
/// the clinic's local times with its TZID and VTIMEZONE, so a calendar shows the visit where it happens, at the
/// right instant wherever the person is. One UID for the visit through all its moves and a SEQUENCE that grows with
/// each notice: a calendar program changes or removes the event it has. No reason for the visit, nothing clinical.
/// </summary>
public static class VisitCalendar
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";
    public const string FileName = "visit.ics";

    /// <param name="method"><see cref="Request"/> to add or update the event, <see cref="Cancel"/> to take it out.</param>
    /// <param name="organizer">BackCare's sending address, which iTIP asks every request to name.</param>
    /// <param name="visitUrl">The visit's page, where it can be changed or cancelled.</param>
    public static string Build(
        Appointment appointment, Clinic clinic, string uid, int sequence, string method, string organizer, string attendee, Uri visitUrl, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(visitUrl);
        var formats = MailText.English;
        var zone = clinic.TimeZone;
        var video = appointment.Kind == SlotKind.Telemedicine;
        var calendar = new Ical.Net.Calendar { ProductId = "-//BackCare//Visits//EN", Method = method };
        calendar.AddTimeZone(clinic.TimeZoneId, appointment.StartUtc.AddDays(-1), includeHistoricalData: false);
        var visit = new CalendarEvent
        {
            Uid = uid,
            Sequence = sequence,
            DtStamp = new CalDateTime(nowUtc, CalDateTime.UtcTzId, hasTime: true),
            DtStart = Local(appointment.StartUtc, zone, clinic.TimeZoneId),
            DtEnd = Local(appointment.EndUtc, zone, clinic.TimeZoneId),
            Summary = Fill(formats.Format(video ? "calendar_summary_video" : "calendar_summary_clinic"), clinic.Name),
            Location = video && appointment.JoinUrl is { } join
                ? Fill(formats.Format("calendar_location_video"), join)
                : clinic.Address,
            Description = Fill(formats.Format("calendar_description"), visitUrl.AbsoluteUri),
            Url = visitUrl,
            Status = method == Cancel ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer("mailto:" + organizer),
            Transparency = TransparencyType.Opaque,
        };
        visit.Attendees.Add(new Attendee("mailto:" + attendee) { Role = "REQ-PARTICIPANT", ParticipationStatus = "ACCEPTED" });
        calendar.Events.Add(visit);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalDateTime Local(DateTime utc, TimeZoneInfo zone, string zoneId) =>
        new(DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), DateTimeKind.Unspecified), zoneId, hasTime: true);

    private static string Fill(string format, string value) => string.Format(CultureInfo.InvariantCulture, format, value);
}
