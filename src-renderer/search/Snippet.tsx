import type { SnippetPart } from '../../src-shared/search/searchHit'

/** Quoted text with the words the query matched marked (<mark>, so it is announced and styled). */
export function Snippet({ parts }: { parts: readonly SnippetPart[] }) {
  return (
    <>
      {parts.map((part, index) => (part.highlighted ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  )
}
