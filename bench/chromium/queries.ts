/**
 * A hundred searches as desk agents type them over the seeded desk (src-renderer/bench/seedIncidents.ts):
 * problem words, places, callers, partly typed words, two- and three-word queries, numbers, and a
 * few that match nothing. Deterministic, so runs compare.
 */
const WORDS = [
  'printer', 'vpn', 'outlook password', 'payroll', 'laptop boot', 'shared drive slow', 'teams camera', 'wi-fi warehouse',
  'invoice approval', 'phishing', 'dial tone', 'excel crashes', 'password reset', 'checkout freezes', 'crm search',
  'monitor flickers', 'mailbox full', 'badge reader', 'contact form', 'new starter account',
]
const PARTIAL = ['prin', 'vp', 'outl', 'payr', 'lapt', 'shar', 'cam', 'warehou', 'invo', 'phish', 'flick', 'badg', 'mailb', 'excel cr', 'pass res']
const PLACES = ['leeds', 'london office', 'manchester depot', 'bristol store', 'glasgow', 'home working', 'cardiff warehouse', 'belfast']
const CALLERS = ['amira haddad', 'chen', 'lucía fernández', 'nowak', 'aisha', 'oskar lind', 'priya sharma', 'kwame mensah', 'yuki tanaka', 'omar khan']
const NUMBERS = ['INC0000042', 'INC0012345', '0054321', '99999', 'inc0080000']
const NOTHING = ['kubernetes ingress', 'zebra', 'quantum flux capacitor']

function build(): string[] {
  const queries: string[] = [...WORDS, ...PARTIAL, ...CALLERS, ...NUMBERS, ...NOTHING]
  for (let index = 0; queries.length < 100; index++) {
    const word = WORDS[index % WORDS.length]!
    queries.push(index % 2 === 0 ? `${word} ${PLACES[index % PLACES.length]!}` : `${CALLERS[index % CALLERS.length]!.split(' ')[0]!} ${word.split(' ')[0]!}`)
  }
  return queries.slice(0, 100)
}

export const BENCH_QUERIES: readonly string[] = build()
