import { defineMessages } from './define'

/** Words used across screens, and the parts durations are built from. */
export const commonMessages = defineMessages(
  {
    'common.cancel': 'Cancel',
    'common.close': 'Close',
    'common.save': 'Save',
    'common.none': '—',
    // Queue cell: the largest two units, compact so the column stays narrow ("2h 05m", "3d 4h").
    'duration.compact.days': '{days}d',
    'duration.compact.daysHours': '{days}d {hours}h',
    'duration.compact.hoursMinutes': '{hours}h {minutes}m',
    'duration.compact.minutes': '{minutes}m',
    // Spans a person reads at a glance ("3 h 05 min", "4 d 6 h").
    'duration.span.days': '{days} d',
    'duration.span.daysHours': '{days} d {hours} h',
    'duration.span.hours': '{hours} h',
    'duration.span.hoursMinutes': '{hours} h {minutes} min',
    'duration.span.minutes': '{minutes} min',
    'duration.span.seconds': '{seconds} s',
    'duration.span.underMinute': 'under a minute',
    'duration.span.lessThanMinute': 'less than a minute',
  },
  {
    'common.cancel': 'Annuler',
    'common.close': 'Fermer',
    'common.save': 'Enregistrer',
    'common.none': '—',
    'duration.compact.days': '{days} j',
    'duration.compact.daysHours': '{days} j {hours} h',
    'duration.compact.hoursMinutes': '{hours} h {minutes}',
    'duration.compact.minutes': '{minutes} min',
    'duration.span.days': '{days} j',
    'duration.span.daysHours': '{days} j {hours} h',
    'duration.span.hours': '{hours} h',
    'duration.span.hoursMinutes': '{hours} h {minutes} min',
    'duration.span.minutes': '{minutes} min',
    'duration.span.seconds': '{seconds} s',
    'duration.span.underMinute': 'moins d’une minute',
    'duration.span.lessThanMinute': 'moins d’une minute',
  },
)
