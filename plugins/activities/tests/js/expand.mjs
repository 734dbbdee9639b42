// Reads an iCalendar feed on stdin with ical.js and prints, as JSON, every occurrence that
// starts in [argv[2], argv[3]) (ISO instants): UID, start in UTC, status. Test only.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const from = ICAL.Time.fromJSDate(new Date(process.argv[2]), true);
const until = ICAL.Time.fromJSDate(new Date(process.argv[3]), true);

const calendar = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const vevents = calendar.getAllSubcomponents("vevent");
const overrides = new Map();
const masters = [];
for (const vevent of vevents) {
  const event = new ICAL.Event(vevent);
  if (event.isRecurrenceException()) {
    if (!overrides.has(event.uid)) overrides.set(event.uid, []);
    overrides.get(event.uid).push(event);
  } else {
    masters.push(event);
  }
}
const found = [];
for (const master of masters) {
  for (const exception of overrides.get(master.uid) || []) master.relateException(exception);
  const status = (e) => (e.component.getFirstPropertyValue("status") || "CONFIRMED");
  if (!master.isRecurring()) {
    const start = master.startDate.toJSDate();
    if (start >= from.toJSDate() && start < until.toJSDate()) {
      found.push({uid: master.uid, start: start.toISOString(), status: status(master)});
    }
    continue;
  }
  const iterator = master.iterator();
  let next;
  while ((next = iterator.next())) {
    if (next.compare(until) >= 0) break;
    const details = master.getOccurrenceDetails(next);
    const start = details.startDate.toJSDate();
    if (start >= from.toJSDate() && start < until.toJSDate()) {
      found.push({uid: master.uid, start: start.toISOString(), status: status(details.item)});
    }
  }
}
process.stdout.write(JSON.stringify(found));
