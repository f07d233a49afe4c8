import type { PremiumLine } from '@/domain/premium/calculate';

/** 保証料 computed line by line (the lines kept with the 保証料計算書). */
export function PremiumLines({ lines, caption }: { lines: PremiumLine[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table premium-lines">
        <caption className="caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">内容</th>
            <th scope="col">金額（円）</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={index}>
              <th scope="row">{line.label}</th>
              <td>{line.detail ?? ''}</td>
              <td>{line.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
