# Token frequency against rank (log–log)
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 01-tokenizer-zipf.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '01-tokenizer-zipf.png'
set termoption noenhanced
set title 'Token frequency against rank (log–log)' font ',15'
set xlabel 'rank'
set ylabel 'occurrences in held-out text'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key bottom left box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set format x '%.0s%c'
set mxtics 10
set logscale y
set autoscale yfix
set format y '%g'
set mytics 10
set xtics (1, 3, 10, 30, 100, 300)
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
plot '01-tokenizer-zipf.dat' index 0 using 1:2 with points lt 1 title 'tokens', \
     '01-tokenizer-zipf.dat' index 1 using 1:2 with lines lt 2 dt 2 title 'Zipf: count(1) / rank', \
     '01-tokenizer-zipf.dat' index 2 using 1:2 with lines lt 3 title 'least-squares fit: slope -1.11'
