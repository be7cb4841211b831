import { describe, expect, it } from 'vitest'
import { dayWords } from '../policy/index.ts'
import type { Staff } from '../model/records.ts'
import type { RosterLookup } from './rosterChecks.ts'
import { parseRosterCsv } from './rosterCsv.ts'
import { ALMA } from '../../tests/support/testDb.ts'

function staff(id: string, name: string, role: Staff['role'], active = true): Staff {
  return { id, name, role, canCapture: true, roomId: null, active, hasPin: true, lockedUntil: null }
}

const LOOKUP: RosterLookup = {
  rooms: [
    { id: 'r-cat', name: 'Caterpillars', ageRange: '2–3' },
    { id: 'r-but', name: 'Butterflies', ageRange: '3–4' },
  ],
  staff: [
    staff('s-priya', 'Priya Shah', 'keyworker'),
    staff('s-morgan', 'Morgan Ellery', 'manager'),
    staff('s-jo', 'Jo Lindqvist', 'student'),
    staff('s-gone', 'Gone Person', 'keyworker', false),
  ],
  children: [ALMA],
  today: '2026-05-01',
}

const GOOD = [
  'firstName,lastName,dateOfBirth,room,keyworker',
  'Ava,Appleby,2023-04-30,Caterpillars,Priya Shah',
  'Noah,Birchwood,30/04/2022,butterflies,morgan ellery',
  '',
  '"Mary Jane","O\'Neill",2022-1-5, Butterflies ,Priya Shah',
].join('\n')

describe('parseRosterCsv', () => {
  it('previews a good file with rooms and keyworkers resolved', () => {
    const result = parseRosterCsv(GOOD, LOOKUP)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toEqual([
      expect.objectContaining({
        line: 2,
        firstName: 'Ava',
        dateOfBirth: '2023-04-30',
        roomId: 'r-cat',
        keyworkerId: 's-priya',
      }),
      expect.objectContaining({
        line: 3,
        dateOfBirth: '2022-04-30',
        roomId: 'r-but',
        keyworkerName: 'Morgan Ellery',
      }),
      expect.objectContaining({
        line: 5,
        firstName: 'Mary Jane',
        lastName: "O'Neill",
        dateOfBirth: '2022-01-05',
      }),
    ])
  })

  it('accepts a spreadsheet export: byte order mark, CRLF, spaced headers in any order', () => {
    const text =
      '\uFEFFRoom,Keyworker,First name,Last name,Date of birth\r\nCaterpillars,Priya Shah,Ava,Appleby,2023-04-30\r\n'
    const result = parseRosterCsv(text, LOOKUP)
    expect(result.ok && result.value[0]).toMatchObject({ firstName: 'Ava', roomId: 'r-cat' })
  })

  it('reports every bad row by line number and reason, and accepts none', () => {
    const text = [
      'firstName,lastName,dateOfBirth,room,keyworker',
      ',Appleby,2023-04-30,Caterpillars,Priya Shah', // 2: no first name
      'Noah,Birchwood,2023-02-30,Caterpillars,Priya Shah', // 3: no such date
      'Isla,Cotton,2023-04-30,Ladybirds,Priya Shah', // 4: unknown room
      'Leo,Dunmore,2023-04-30,Caterpillars,Jo Lindqvist', // 5: a student as keyworker
      'Alma,Tester,2023-06-01,Caterpillars,Priya Shah', // 6: already on the roster
      '"Maya ', // 7–8: a quoted cell over two lines, then a missing last name etc.
      'Rose",,2023-04-30,Caterpillars,Priya Shah',
      'Oscar,Fenwick,2030-01-01,Caterpillars,Gone Person', // 9: future, keyworker gone
      'Freya,Gadsby,2023-04-30,Caterpillars,Priya Shah', // 10: fine
      'freya,GADSBY,30/04/2023,Caterpillars,Priya Shah', // 11: same child as line 10
      'Theo,Hartwell,1990-01-01,Caterpillars,', // 12: too old, no keyworker
    ].join('\n')
    const result = parseRosterCsv(text, LOOKUP)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.message).toMatch(/^9 lines have problems\. Nothing was imported/)
    const byLine = result.error.problems.map((p) => [p.line, p.message])
    expect(byLine).toEqual([
      [2, 'First name is missing.'],
      [3, 'Date of birth "2023-02-30" is not a date. Write it as 2023-04-30 or 30/04/2023.'],
      [4, 'There is no room called "Ladybirds". Rooms on this device: Caterpillars, Butterflies.'],
      [5, 'Jo Lindqvist is a student and cannot be a keyworker.'],
      [6, 'This child is already on the roster. Remove the line.'],
      [7, 'Last name is missing.'],
      [9, 'Date of birth 2030-01-01 is in the future. Check the year.'],
      [9, expect.stringContaining('No current member of staff is called "Gone Person"')],
      [11, 'Same child as on line 10. Remove one of the two lines.'],
      [12, 'Date of birth 1990-01-01 is over 12 years ago. Check the year.'],
      [12, 'Keyworker is missing. Write the full name of a member of staff.'],
    ])
  })

  it.each([
    ['', 1, 'The file is empty.'],
    [
      'firstName,lastName,dateOfBirth,room\nAva,Appleby,2023-04-30,Caterpillars',
      1,
      'The column for keyworker (e.g. "Keyworker" or "Key person") is missing',
    ],
    ['firstName,lastName,dateOfBirth,room,keyworker\n\n', 2, 'no children'],
  ])('explains a file that cannot be read: %j', (text, line, words) => {
    const result = parseRosterCsv(text, LOOKUP)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.problems).toEqual([{ line, message: expect.stringContaining(words) }])
  })

  it.each([
    [
      'semicolons',
      'First Name;Surname;DOB;Room;Key Person\nAva;Appleby;30/04/2023;Caterpillars;Priya Shah',
    ],
    [
      'tabs',
      'Forename\tLast name\tDate of Birth\tRoom\tKeyworker\nAva\tAppleby\t2023-04-30\tCaterpillars\tPriya Shah',
    ],
    [
      'capitals and dots',
      'FIRST_NAME,LAST_NAME,D.O.B.,ROOM NAME,KEY WORKER\nAva,Appleby,2023-04-30,Caterpillars,Priya Shah',
    ],
    [
      "a child's columns",
      "Child's first name,Child's surname,Date of birth,Room,Key person\nAva,Appleby,2023-04-30,Caterpillars,Priya Shah",
    ],
  ])('reads a spreadsheet’s headers and separator: %s', (_, text) => {
    const result = parseRosterCsv(text, LOOKUP)
    expect(result.ok && result.value[0]).toMatchObject({
      firstName: 'Ava',
      lastName: 'Appleby',
      dateOfBirth: '2023-04-30',
      roomId: 'r-cat',
      keyworkerId: 's-priya',
    })
  })

  it('says which column is missing, in words, and what the first line has', () => {
    const result = parseRosterCsv(
      'First Name;Surname;Room;Key Person\nAva;Appleby;Caterpillars;Priya Shah',
      LOOKUP,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.problems).toEqual([
      {
        line: 1,
        message:
          'The column for date of birth (e.g. "Date of birth" or "DOB") is missing. The first line has: "First Name", "Surname", "Room", "Key Person". Name each column in the first line, then try again.',
      },
    ])
  })

  it('accepts a child whose name is on the roster with another birthday, with a warning', () => {
    const text = `firstName,lastName,dateOfBirth,room,keyworker\n${ALMA.firstName},${ALMA.lastName},2022-02-02,Butterflies,Priya Shah\nAva,Appleby,2023-04-30,Caterpillars,Priya Shah`
    const result = parseRosterCsv(text, LOOKUP)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value[0]?.warning).toMatch(
      new RegExp(
        `^Possible duplicate: ${ALMA.firstName} ${ALMA.lastName} \\(born ${dayWords(ALMA.dateOfBirth)}`,
      ),
    )
    expect(result.value[1]?.warning).toBeNull()
  })
})
