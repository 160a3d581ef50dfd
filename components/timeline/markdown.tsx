import Markdown from "react-markdown";

/** Markdown rendered safely: react-markdown never renders raw HTML; links open with noopener. */
export function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="prose-sm max-w-none break-words text-sm leading-relaxed [&_a]:text-accent [&_a]:underline [&_code]:rounded [&_code]:bg-surface-2 [&_code]:px-1 [&_code]:font-mono [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-1 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-surface-2 [&_pre]:p-2 [&_ul]:list-disc">
      <Markdown
        skipHtml
        urlTransform={(url) => (/^(https?:|mailto:|#|\/)/i.test(url) ? url : "")}
        components={{ a: ({ href, children }) => <a href={href} target="_blank" rel="noopener noreferrer nofollow">{children}</a> }}
      >
        {text}
      </Markdown>
    </div>
  );
}
